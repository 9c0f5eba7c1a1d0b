using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Certify.EndToEnd.Tests;

/// <summary>
/// axe-core (vendored under <c>axe/</c>) run on the page as it is: fails on any serious or critical violation of the
/// WCAG 2.0, 2.1 and 2.2 A/AA rules, naming the rule, its impact and every element it found.
/// </summary>
public static class AccessibilityCheck
{
    /// <summary>The widths every checked page is checked at: a phone and a laptop.</summary>
    public static readonly int[] Widths = [390, 1280];

    private const int PhoneHeight = 844;

    private const string RunAxe = """
        async () => {
            const result = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
                resultTypes: ['violations'],
            });
            return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({
                    id: v.id,
                    impact: v.impact,
                    help: v.help,
                    nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
                }));
        }
        """;

    private static readonly Lazy<string> Source = new(LoadSource);

    /// <summary>
    /// The axe-core script. Added to a browser context as an init script: the app's Content-Security-Policy
    /// (<c>script-src 'self'</c>) refuses an inline script tag, but not a script the browser itself injects.
    /// </summary>
    public static string AxeSource => Source.Value;

    /// <summary>
    /// Checks the page at 390 px and at 1280 px (then restores the viewport it had) and fails with every serious or
    /// critical violation found at either width.
    /// </summary>
    /// <summary>Every style sheet of the page has loaded and Bootstrap's rules apply (its reboot sets the body's margin to 0).</summary>
    private const string StylesApplied = """
        () => document.readyState === 'complete'
            && [...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet !== null)
            && getComputedStyle(document.body).margin === '0px'
        """;

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string step)
    {
        var (originalWidth, originalHeight) = page.ViewportSize is { } size ? (size.Width, size.Height) : (1280, 900);
        var report = new StringBuilder();
        // axe measures what is laid out: on a loaded machine the first page of a run can still be waiting for its
        // style sheets when the test reaches it, and unstyled links measure as tiny touch targets.
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.WaitForFunctionAsync(StylesApplied);
        try
        {
            foreach (var width in Widths)
            {
                await page.SetViewportSizeAsync(width, width == originalWidth ? originalHeight : PhoneHeight);
                var violations = await page.EvaluateAsync<JsonElement>(RunAxe);
                foreach (var violation in violations.EnumerateArray())
                {
                    Describe(report, violation, width);
                }
            }
        }
        finally
        {
            await page.SetViewportSizeAsync(originalWidth, originalHeight);
        }

        Assert.True(
            report.Length == 0,
            $"axe-core found serious or critical accessibility violations on step '{step}' ({page.Url}):{Environment.NewLine}{report}");
    }

    private static void Describe(StringBuilder report, JsonElement violation, int width)
    {
        report.Append(CultureInfo.InvariantCulture, $"- [{violation.GetProperty("impact").GetString()}] {violation.GetProperty("id").GetString()} at {width} px: {violation.GetProperty("help").GetString()}")
            .AppendLine();
        foreach (var node in violation.GetProperty("nodes").EnumerateArray())
        {
            var summary = node.GetProperty("summary").GetString()?.ReplaceLineEndings(" ");
            report.Append(CultureInfo.InvariantCulture, $"    {node.GetProperty("target").GetString()} — {summary}").AppendLine();
        }
    }

    private static string LoadSource()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("axe.min.js")
            ?? throw new InvalidOperationException("axe.min.js is not embedded: see tests/Certify.EndToEnd.Tests/axe/README.md");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
