using System.Globalization;
using Bunit;
using Certify.Web.Features.Notifications;
using Certify.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Infrastructure;

/// <summary>
/// Every time a person reads is Mexico City time and every date has one format per language: at 07:42 UTC on
/// 2 December 2026 a person in Mexico City reads 01:42.
/// </summary>
public sealed class MexicoCityTimeTests : BunitContext
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 7, 42, 0, TimeSpan.Zero);
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo(Localization.Spanish);
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo(Localization.English);

    public MexicoCityTimeTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(Localization.Spanish);
        Services.AddLocalization();
    }

    [Fact]
    public void Time_0742Utc_Is0142InMexicoCity() => Assert.Equal("01:42", DisplayDates.Time(At));

    [Fact]
    public void Day_0300UtcOfTheThird_IsTheSecondInMexicoCity() =>
        Assert.Equal(new DateOnly(2026, 12, 2), DisplayDates.Day(new DateTimeOffset(2026, 12, 3, 3, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void LongAndShort_BothLanguages_UseTheOneFormat()
    {
        var day = new DateOnly(2028, 12, 2);

        Assert.Equal("2 de diciembre de 2028", DisplayDates.Long(day, Spanish));
        Assert.Equal("2 dic 2028", DisplayDates.Short(day, Spanish));
        Assert.Equal("December 2, 2028", DisplayDates.Long(day, English));
        Assert.Equal("Dec 2, 2028", DisplayDates.Short(day, English));
        Assert.Equal("2 de diciembre de 2026, 01:42", DisplayDates.LongWithTime(At, Spanish));
        Assert.Equal("Dec 2, 2026, 01:42", DisplayDates.ShortWithTime(At, English));
    }

    [Fact]
    public void Notification_TimeAgo_ShowsMexicoCityTimeAndDay()
    {
        Services.AddSingleton<TimeProvider>(new TestClock(At.AddDays(10)));

        var time = Render<TimeAgo>(p => p.Add(c => c.At, At));

        var element = time.Find("time");
        Assert.Equal("2 dic 2026", element.TextContent);
        Assert.Equal("2 de diciembre de 2026, 01:42", element.GetAttribute("title"));
    }

    [Fact]
    public void Notification_TimeAgo_LateEveningInMexicoCity_ShowsThatDay()
    {
        var evening = new DateTimeOffset(2026, 12, 3, 3, 0, 0, TimeSpan.Zero);
        Services.AddSingleton<TimeProvider>(new TestClock(evening.AddDays(10)));

        var time = Render<TimeAgo>(p => p.Add(c => c.At, evening));

        Assert.Equal("2 dic 2026", time.Find("time").TextContent);
    }
}
