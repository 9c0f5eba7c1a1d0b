using System.Globalization;
using Certify.Domain.Companies;

namespace Certify.Web.Features.Dashboards;

/// <summary>
/// The body dashboard's filters as they arrive in the query string (<c>programa</c>, <c>desde</c>, <c>hasta</c>,
/// <c>entidad</c>, named as the exports and the registry name them); anything unreadable is ignored rather than
/// refused. The period is in days of the body's calendar (Mexico City), both ends included, and selects assessments by
/// the day they were submitted (drafts by the day they were started), as the exports do.
/// </summary>
public sealed record DashboardFilter(string? Program = null, DateOnly? From = null, DateOnly? To = null, MexicanState? State = null)
{
    public static readonly DashboardFilter None = new();

    public static DashboardFilter FromQuery(string? program, string? from, string? to, string? state)
    {
        var first = Day(from);
        var last = Day(to);
        if (first > last)
        {
            (first, last) = (last, first);
        }

        return new DashboardFilter(
            string.IsNullOrWhiteSpace(program) ? null : program.Trim().ToUpperInvariant(),
            first,
            last,
            Enum.TryParse<MexicanState>(state, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(state, out _) ? s : null);
    }

    /// <summary>The first instant of the period, or null when it has no start.</summary>
    public DateTimeOffset? StartsAt => From is { } day ? BodyCalendar.StartOf(day) : null;

    /// <summary>The first instant after the period, or null when it has no end.</summary>
    public DateTimeOffset? EndsBefore => To is { } day ? BodyCalendar.StartOf(day.AddDays(1)) : null;

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
