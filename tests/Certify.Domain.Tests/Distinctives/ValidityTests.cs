using Certify.Domain.Distinctives;
using Certify.Domain.Programs;

namespace Certify.Domain.Tests.Distinctives;

public class ValidityTests
{
    private static readonly TimeZoneInfo MexicoCity = TimeZoneInfo.FindSystemTimeZoneById("America/Mexico_City");
    private static readonly LevelRule LevelA = new("A", 90, 24, false);
    private static readonly LevelRule LevelC = new("C", 60, 12, true);

    [Theory]
    [InlineData("2026-03-10", 1, "2026-04-10")]
    [InlineData("2026-01-28", 1, "2026-02-28")]
    [InlineData("2026-01-29", 1, "2026-03-01")]
    [InlineData("2026-01-31", 1, "2026-03-01")]
    [InlineData("2028-01-31", 1, "2028-03-01")] // leap year: valid through 29 February
    [InlineData("2026-03-31", 1, "2026-05-01")]
    [InlineData("2026-12-31", 2, "2027-03-01")]
    [InlineData("2026-08-31", 12, "2027-08-31")]
    [InlineData("2028-02-29", 24, "2030-03-01")]
    [InlineData("2028-02-29", 48, "2032-02-29")]
    public void ExpiryDay_MonthEnds_NeverShortOfTheMonths(string issued, int months, string expires)
    {
        Assert.Equal(DateOnly.Parse(expires), Validity.ExpiryDay(DateOnly.Parse(issued), months));
    }

    [Fact]
    public void For_LevelA_TwentyFourMonthsOfWholeDaysInTheBodyZone()
    {
        var validity = Validity.For(new DateOnly(2026, 3, 10), LevelA, MexicoCity);

        Assert.Equal(new DateOnly(2026, 3, 10), validity.FirstDay);
        Assert.Equal(new DateOnly(2028, 3, 10), validity.ExpiresOn);
        Assert.Equal(new DateOnly(2028, 3, 9), validity.LastDay);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.FromHours(-6)), validity.ValidFrom);
        Assert.Equal(new DateTimeOffset(2028, 3, 10, 6, 0, 0, TimeSpan.Zero), validity.ValidUntil);
    }

    [Fact]
    public void For_LevelC_TwelveMonths()
    {
        var validity = Validity.For(new DateOnly(2026, 3, 10), LevelC, MexicoCity);

        Assert.Equal(new DateOnly(2027, 3, 10), validity.ExpiresOn);
    }

    [Fact]
    public void For_EndOfJanuaryPlusOneMonth_ValidThroughTheLastOfFebruary()
    {
        var validity = Validity.For(new DateOnly(2026, 1, 31), 1, MexicoCity);

        Assert.Equal(new DateOnly(2026, 2, 28), validity.LastDay);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero), validity.ValidUntil);
    }

    [Fact]
    public void For_InstantLateInTheEveningLocally_DayOfIssueIsTheLocalDay()
    {
        // 03:00 UTC on 11 March is still 10 March in Mexico City.
        var validity = Validity.For(new DateTimeOffset(2026, 3, 11, 3, 0, 0, TimeSpan.Zero), LevelA, MexicoCity);

        Assert.Equal(new DateOnly(2026, 3, 10), validity.FirstDay);
    }

    [Fact]
    public void For_NoMonths_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Validity.For(new DateOnly(2026, 3, 10), 0, MexicoCity));
    }

    [Fact]
    public void StartOfDay_DaylightSavingGapAtMidnight_FirstExistingInstant()
    {
        // Santiago de Chile moved its clocks from 00:00 to 01:00 on 7 September 2025.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

        var start = Validity.StartOfDay(new DateOnly(2025, 9, 7), santiago);

        Assert.Equal(new DateTimeOffset(2025, 9, 7, 4, 0, 0, TimeSpan.Zero), start.ToUniversalTime());
    }
}
