namespace Certify.EndToEnd.Tests;

/// <summary>
/// All end-to-end tests share one app and one browser: Hangfire keeps static state, so a process holds one app,
/// and the tests in a collection run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "app";
}
