namespace Certify.EndToEnd.Tests;

/// <summary>
/// A test that drives Chromium: skipped with a reason when the browser is missing on a developer's machine,
/// run (and failed) when it is missing in CI.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!BrowserFixture.IsChromiumInstalled && !BrowserFixture.IsCi)
        {
            Skip = BrowserFixture.MissingChromiumMessage;
        }
    }
}
