using System.Globalization;
using Certify.Domain.Companies;
using Certify.Domain.Distinctives;
using Certify.Web.Features.Distinctives;
using Certify.Web.Features.Exports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Strings = Certify.Web.Resources.Distinctives;

namespace Certify.Web.Features.Registry;

/// <summary>
/// <c>GET /registro/exportar.csv</c>: every distinctive the registry's filters match (the query string of
/// <c>/registro</c>: <c>q</c>, <c>entidad</c>, <c>programa</c>, <c>nivel</c>, <c>estatus</c>), not only one page, as
/// a CSV attachment with headers and words in the request's language. Anonymous and rate limited per client like the
/// public API.
/// </summary>
public static class RegistryExport
{
    public const string Path = "/registro/exportar.csv";

    public static IEndpointRouteBuilder MapRegistryExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (
                [FromQuery(Name = "q")] string? query,
                [FromQuery(Name = "entidad")] string? state,
                [FromQuery(Name = "programa")] string? program,
                [FromQuery(Name = "nivel")] string? level,
                [FromQuery(Name = "estatus")] string? status,
                HttpContext http,
                RegistryService registry,
                DistinctiveUrls urls,
                IStringLocalizer<Strings> text,
                TimeProvider clock) =>
            {
                var filter = RegistryFilter.FromQuery(query, state, program, level, status, page: null);
                var culture = CultureInfo.CurrentUICulture;
                var fileName = $"{text["CsvFileName"]}-{BodyCalendar.Local(clock.GetUtcNow()):yyyy-MM-dd}.csv";
                return TypedResults.Stream(
                    body => CsvExportWriter.WriteAsync(body, Columns(text, urls, culture), registry.ExportAsync(filter, http.RequestAborted), http.RequestAborted),
                    CsvExportWriter.ContentType,
                    fileName);
            })
            .RequireRateLimiting(DistinctiveApi.RateLimitPolicy)
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The export's address for the filters shown (the page number is not one of them).</summary>
    public static string Href(RegistryFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var values = new Dictionary<string, string?>
        {
            ["q"] = filter.Query,
            ["entidad"] = filter.State?.ToString(),
            ["programa"] = filter.Program,
            ["nivel"] = filter.Level,
            ["estatus"] = filter.Status?.ToString(),
        };
        return QueryHelpers.AddQueryString(Path.TrimStart('/'), values.Where(v => v.Value is not null));
    }

    /// <summary>The export's columns, through the CSV writer the program admins' exports use.</summary>
    private static List<ExportColumn<RegistryExportRow>> Columns(IStringLocalizer text, DistinctiveUrls urls, CultureInfo culture)
    {
        var english = culture.TwoLetterISOLanguageName == "en";
        return
        [
            new(text["CsvNumber"], ExportColumnType.Text, e => e.Row.Number),
            new(text["CsvVerificationCode"], ExportColumnType.Text, e => Code(e)?.Format() ?? e.Row.VerificationCode),
            new(text["CsvCompany"], ExportColumnType.Text, e => e.Row.LegalName),
            new(text["CsvRfc"], ExportColumnType.Text, e => e.Row.Rfc),
            new(text["CsvState"], ExportColumnType.Text, e => MexicanStates.DisplayName(e.Row.State)),
            new(text["CsvProgram"], ExportColumnType.Text, e => english ? e.Row.ProgramNameEn : e.Row.ProgramNameEs),
            new(text["CsvLevel"], ExportColumnType.Text, e => e.Row.Level),
            new(text["CsvTopics"], ExportColumnType.Text, e => string.Join("; ", e.Topics.Select(t => t.Get(culture)))),
            new(text["CsvValidFrom"], ExportColumnType.Date, e => DistinctiveFacts.FirstDay(e.Row.ValidFrom)),
            new(text["CsvValidUntil"], ExportColumnType.Date, e => DistinctiveFacts.LastDay(e.Row.ValidUntil)),
            new(text["CsvStatus"], ExportColumnType.Text, e => text[$"Status_{e.Row.Status}"].Value),
            new(text["CsvVerificationUrl"], ExportColumnType.Text, e => Code(e) is { } c ? urls.Verify(c) : null),
        ];
    }

    private static VerificationCode? Code(RegistryExportRow export) =>
        VerificationCode.TryParse(export.Row.VerificationCode, out var parsed) ? parsed : null;
}
