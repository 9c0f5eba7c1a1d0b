namespace Certify.Data;

/// <summary>
/// Time arithmetic the dashboards run inside the database, the same on both providers: SQLite gets them as functions
/// registered on each connection (the Web project's SqliteConnectionSetup), SQL Server as scalar functions created
/// by its migrations. They exist only in LINQ queries; calling them in memory is a mistake.
/// </summary>
public static class DbTime
{
    public const string MillisecondsFunction = "certify_ms";
    public const string DayNumberFunction = "certify_day";
    public const string MonthNumberFunction = "certify_month";

    /// <summary>Milliseconds from 0001-01-01 UTC to <paramref name="instant"/> (instants are stored in UTC).</summary>
    public static long Milliseconds(DateTimeOffset instant) => throw QueryOnly(nameof(Milliseconds), instant);

    /// <summary>Days from 0001-01-01 to <paramref name="day"/>: <see cref="DateOnly.DayNumber"/>, in SQL.</summary>
    public static int DayNumber(DateOnly day) => throw QueryOnly(nameof(DayNumber), day);

    /// <summary>
    /// The month of <paramref name="instant"/> in the certifying bodies' calendar (Mexico City) as year × 12 + month − 1,
    /// so consecutive months are consecutive numbers.
    /// </summary>
    public static int MonthNumber(DateTimeOffset instant) => throw QueryOnly(nameof(MonthNumber), instant);

    /// <summary>Milliseconds in one day, for turning differences of <see cref="Milliseconds"/> into days.</summary>
    public const long MillisecondsPerDay = 86_400_000;

    private static InvalidOperationException QueryOnly(string name, object value) =>
        new($"DbTime.{name}({value}) translates to SQL; it cannot run in memory.");
}
