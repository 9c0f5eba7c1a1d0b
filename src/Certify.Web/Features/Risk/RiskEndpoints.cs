using System.Globalization;
using Certify.Data;
using Certify.Domain.Companies;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Exports;
using Certify.Web.Identity;
using Certify.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Certify.Web.Features.Risk;

/// <summary>
/// Downloads of the risk ranking and of a follow-up sample, as CSV or XLSX with the exports' writers:
/// <c>GET /organismos/{bodyId}/riesgo/exportar.{csv|xlsx}</c> (with the ranking's filters) and
/// <c>GET /organismos/{bodyId}/riesgo/muestras/{sampleId}.{csv|xlsx}</c>. Program admins of the body only (404 for
/// everyone else), audited, never cached.
/// </summary>
public static class RiskEndpoints
{
    public static IEndpointRouteBuilder MapRiskEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/organismos/{bodyId:int}/riesgo/exportar.{format}",
            async (int bodyId, string format, HttpContext context, RiskRankingService ranking, RiskText text,
                IStringLocalizer<Resources.Risk> t, IDbContextFactory<CertifyDbContext> dbFactory, TimeProvider clock, CancellationToken ct) =>
            {
                var query = context.Request.Query;
                if (format is not ("csv" or "xlsx")
                    || await ranking.ExportRowsAsync(bodyId, RiskFilter.FromQuery(query["programa"], query["entidad"], query["tema"]), context.User, ct) is not { } rows)
                {
                    return Results.NotFound();
                }

                await AuditAsync(dbFactory, clock, context, bodyId, "riesgo", format, ct);
                IReadOnlyList<ExportColumn<(int Rank, RiskRow Row)>> columns =
                [
                    new(t["Col_Rank"], ExportColumnType.Integer, r => r.Rank, 8),
                    new(t["Col_Company"], ExportColumnType.Text, r => r.Row.CompanyName, 40),
                    new(t["Col_Rfc"], ExportColumnType.Text, r => r.Row.Rfc, 15),
                    new(t["Col_State"], ExportColumnType.Text, r => MexicanStates.DisplayName(r.Row.State), 20),
                    new(t["Col_Program"], ExportColumnType.Text, r => r.Row.Program.Code, 12),
                    new(t["Col_Score"], ExportColumnType.Integer, r => r.Row.Score, 10),
                    new(t["Col_Band"], ExportColumnType.Text, r => text.Band(r.Row.Band), 10),
                    new(t["Col_Reasons"], ExportColumnType.Text, r => string.Join("; ", r.Row.Reasons.Select(x => x.Text)), 80),
                    new(t["Col_ModelVersion"], ExportColumnType.Text, r => Version(t, r.Row.ModelVersion, r.Row.ModelKind == Domain.Risk.RiskModelKind.Expert), 18),
                ];
                return File(context, "prioridad", format, t["Sheet_Ranking"], columns, rows.Select((r, i) => (i + 1, r)).ToList(), clock);
            }).RequireAuthorization(Policies.BodyStaff).PrivateNoStoreDownload();

        endpoints.MapGet("/organismos/{bodyId:int}/riesgo/muestras/{sampleId:long}.{format}",
            async (int bodyId, long sampleId, string format, HttpContext context, RiskRankingService ranking,
                IStringLocalizer<Resources.Risk> t, IDbContextFactory<CertifyDbContext> dbFactory, TimeProvider clock, CancellationToken ct) =>
            {
                if (format is not ("csv" or "xlsx")
                    || await ranking.ExportRowsAsync(bodyId, RiskFilter.None, context.User, ct) is null
                    || await ranking.SampleAsync(bodyId, sampleId, context.User, ct) is not { } sample)
                {
                    return Results.NotFound();
                }

                await AuditAsync(dbFactory, clock, context, bodyId, $"muestra-{sampleId}", format, ct);
                                IReadOnlyList<ExportColumn<(int Order, RiskSampleItem Item)>> columns =
                [
                    new(t["Col_Order"], ExportColumnType.Integer, r => r.Order, 8),
                    new(t["Col_Company"], ExportColumnType.Text, r => r.Item.CompanyName, 40),
                    new(t["Col_Rfc"], ExportColumnType.Text, r => r.Item.Rfc, 15),
                    new(t["Col_State"], ExportColumnType.Text, r => MexicanStates.DisplayName(r.Item.State), 20),
                    new(t["Col_Program"], ExportColumnType.Text, r => r.Item.ProgramCode, 12),
                    new(t["Col_Score"], ExportColumnType.Integer, r => r.Item.Score, 10),
                    new(t["Col_Weight"], ExportColumnType.Integer, r => r.Item.Weight, 10),
                    new(t["Col_ModelVersion"], ExportColumnType.Integer, r => r.Item.ModelVersion, 12),
                    new(t["Col_Seed"], ExportColumnType.Integer, _ => sample.Seed, 14),
                ];
                return File(context, $"muestra-{sampleId}", format, t["Sheet_Sample"], columns, sample.Items.Select((r, i) => (i + 1, r)).ToList(), clock);
            }).RequireAuthorization(Policies.BodyStaff).PrivateNoStoreDownload();
        return endpoints;
    }

    public static string Version(IStringLocalizer<Resources.Risk> t, int version, bool expert) =>
        expert ? t["VersionExpert", version] : t["Version", version];

    private static async Task AuditAsync(IDbContextFactory<CertifyDbContext> dbFactory, TimeProvider clock, HttpContext context, int bodyId, string what, string format, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(context.User), AuditActions.ExportDownloaded, "Export", what,
            new { Format = format.ToUpperInvariant() }, bodyId: bodyId));
        await db.SaveChangesAsync(ct);
    }

    private static IResult File<TRow>(HttpContext context, string slug, string format, string sheet, IReadOnlyList<ExportColumn<TRow>> columns, IReadOnlyList<TRow> rows, TimeProvider clock)
    {
        var fileName = $"certify-{slug}-{BodyCalendar.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{format}";
        var ct = context.RequestAborted;
        return format == "xlsx"
            ? Results.Stream(output => XlsxExportWriter.WriteAsync(output, sheet, columns, rows.ToAsyncEnumerable(), ct), XlsxExportWriter.ContentType, fileName)
            : Results.Stream(output => CsvExportWriter.WriteAsync(output, columns, rows.ToAsyncEnumerable(), ct), CsvExportWriter.ContentType, fileName);
    }
}
