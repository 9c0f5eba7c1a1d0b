using System.Globalization;
using Certify.Domain.Assessments;
using Certify.Domain.Companies;
using Certify.Domain.Distinctives;

namespace Certify.Web.Features.Exports;

/// <summary>
/// What narrows an export, read from the query string: <c>programa</c> (program code), <c>desde</c> / <c>hasta</c>
/// (Mexico City days, inclusive, on the submission date of assessments and findings and the issue date of
/// distinctives), <c>entidad</c> (the company's state), and the submissions page's own filters <c>estado</c>
/// (assessment state), <c>vencidas=1</c> and <c>q</c> (company name, RFC or distinctive number). Unknown values are
/// ignored rather than refused, as the pages do.
/// </summary>
public sealed record ExportFilter(
    string? Program = null,
    DateOnly? From = null,
    DateOnly? To = null,
    MexicanState? CompanyState = null,
    AssessmentState? State = null,
    bool OnlyOverdue = false,
    string? Search = null)
{
    public static readonly ExportFilter None = new();

    public static ExportFilter FromQuery(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new ExportFilter(
            Clean(query["programa"])?.ToUpperInvariant(),
            Day(query["desde"]),
            Day(query["hasta"]),
            Enum.TryParse<MexicanState>(query["entidad"], ignoreCase: true, out var companyState) && Enum.IsDefined(companyState) ? companyState : null,
            Enum.TryParse<AssessmentState>(query["estado"], ignoreCase: true, out var state) && Enum.IsDefined(state) ? state : null,
            query["vencidas"] == "1",
            Clean(query["q"]));
    }

    /// <summary>The first instant of <see cref="From"/> in the bodies' calendar.</summary>
    public DateTimeOffset? FromInstant => From is { } day ? Validity.StartOfDay(day, BodyCalendar.Zone) : null;

    /// <summary>The first instant after <see cref="To"/> in the bodies' calendar (exclusive end).</summary>
    public DateTimeOffset? ToExclusive => To is { } day ? Validity.StartOfDay(day.AddDays(1), BodyCalendar.Zone) : null;

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
