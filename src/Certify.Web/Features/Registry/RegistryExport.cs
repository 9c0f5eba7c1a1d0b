using System.Globalization;
using Certify.Domain.Companies;
using Certify.Domain.Distinctives;
using Certify.Web.Features.Distinctives;
using Certify.Web.Features.Reviews;
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
                    async body =>
                    {
                        var ct = http.RequestAborted;
                        await RegistryCsv.WriteBomAsync(body, ct);
                        await using var writer = new StreamWriter(body, RegistryCsv.Utf8, bufferSize: 64 * 1024, leaveOpen: true);
                        await RegistryCsv.WriteRecordAsync(writer, Header(text));
                        await foreach (var row in registry.ExportAsync(filter, ct))
                        {
                            await RegistryCsv.WriteRecordAsync(writer, Record(row, text, urls, culture));
                        }
                    },
                    RegistryCsv.ContentType,
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

    private static string[] Header(IStringLocalizer text) =>
    [
        text["CsvNumber"], text["CsvVerificationCode"], text["CsvCompany"], text["CsvRfc"], text["CsvState"], text["CsvProgram"],
        text["CsvLevel"], text["CsvTopics"], text["CsvValidFrom"], text["CsvValidUntil"], text["CsvStatus"], text["CsvVerificationUrl"],
    ];

    private static string?[] Record(RegistryExportRow export, IStringLocalizer text, DistinctiveUrls urls, CultureInfo culture)
    {
        var row = export.Row;
        var code = VerificationCode.TryParse(row.VerificationCode, out var parsed) ? parsed : (VerificationCode?)null;
        var english = culture.TwoLetterISOLanguageName == "en";
        return
        [
            row.Number,
            code?.Format() ?? row.VerificationCode,
            row.LegalName,
            row.Rfc,
            MexicanStates.DisplayName(row.State),
            english ? row.ProgramNameEn : row.ProgramNameEs,
            row.Level,
            string.Join("; ", export.Topics.Select(t => t.Get(culture))),
            Day(row.ValidFrom),
            Day(row.ValidUntil, lastDay: true),
            text[$"Status_{row.Status}"],
            code is { } c ? urls.Verify(c) : null,
        ];
    }

    /// <summary>A date in Mexico City as ISO 8601; the last valid day is the one before the exclusive end.</summary>
    private static string Day(DateTimeOffset instant, bool lastDay = false) =>
        DateOnly.FromDateTime(BodyCalendar.Local(instant).DateTime).AddDays(lastDay ? -1 : 0).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
