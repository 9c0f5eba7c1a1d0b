using Certify.Domain.Distinctives;

namespace Certify.Web.Features.Shared;

/// <summary>
/// The certifying bodies are in Mexico: review deadlines, due dates of findings and "today" for scoring are days of
/// the Mexico City calendar, not of UTC.
/// </summary>
public static class BodyCalendar
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/Mexico_City");

    public static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Local(clock.GetUtcNow()).DateTime);

    /// <summary>The instant a day of the calendar begins (its local midnight), in UTC.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => Validity.StartOfDay(day, Zone).ToUniversalTime();
}
