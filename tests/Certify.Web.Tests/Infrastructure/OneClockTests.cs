using System.Globalization;
using Certify.Web.Features.Shared;

namespace Certify.Web.Tests.Infrastructure;

/// <summary>
/// One clock and one calendar: "today" and "now" come from <see cref="TimeProvider"/> read on the Mexico City calendar,
/// never from the server's local clock, and dates are written by the one formatter (<c>DisplayDates</c>).
/// </summary>
public sealed class OneClockTests
{
    private static readonly string[] LocalClock = ["GetLocalNow", "DateTime.Now", "DateTime.Today", "DateTimeOffset.Now", "ToLocalTime()"];
    private static readonly string[] OwnDateFormats = ["\"d MMM", "\"d 'de' MMMM", "\"yyyy-MM-dd HH:mm\""];

    [Fact]
    public void At1900MexicoCity_TodayIsTheMexicoCityDay_NotTheUtcOne()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero));

        Assert.Equal("19:00", BodyCalendar.Local(clock.GetUtcNow()).ToString("HH:mm", CultureInfo.InvariantCulture));
        Assert.Equal(new DateOnly(2026, 12, 2), BodyCalendar.Today(clock));
    }

    [Fact]
    public void WebSources_NeverReadTheServerLocalClock()
    {
        var uses = Sources().SelectMany(f => LocalClock.Where(File.ReadAllText(f).Contains).Select(u => $"{Path.GetFileName(f)}: {u}"));

        Assert.Empty(uses);
    }

    [Fact]
    public void WebSources_WriteDatesWithTheOneFormatter()
    {
        var uses = Sources()
            .Where(f => !f.EndsWith("DisplayDates.cs", StringComparison.Ordinal))
            .SelectMany(f => OwnDateFormats.Where(File.ReadAllText(f).Contains).Select(u => $"{Path.GetFileName(f)}: {u}"));

        Assert.Empty(uses);
    }

    private static IEnumerable<string> Sources() => RepositoryFiles.Sources("src", "Certify.Web");
}
