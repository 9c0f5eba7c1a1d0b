using Certify.Data;
using Certify.Domain.Companies;
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
                if (!ExportDownload.TryFormat(format, out var exportFormat)
                    || await ranking.ExportRowsAsync(bodyId, RiskFilter.FromQuery(query["programa"], query["entidad"], query["tema"]), context.User, ct) is not { } rows)
                {
                    return Results.NotFound();
                }

                await ExportDownload.AuditAsync(dbFactory, clock, context.User, "riesgo", exportFormat, bodyId, ct);
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
                return ExportDownload.File(exportFormat, "prioridad", t["Sheet_Ranking"], columns, rows.Select((r, i) => (i + 1, r)).ToList(), clock, context.RequestAborted);
            }).RequireAuthorization(Policies.BodyStaff).PrivateNoStoreDownload();

        endpoints.MapGet("/organismos/{bodyId:int}/riesgo/muestras/{sampleId:long}.{format}",
            async (int bodyId, long sampleId, string format, HttpContext context, RiskRankingService ranking,
                IStringLocalizer<Resources.Risk> t, IDbContextFactory<CertifyDbContext> dbFactory, TimeProvider clock, CancellationToken ct) =>
            {
                if (!ExportDownload.TryFormat(format, out var exportFormat)
                    || await ranking.SampleForExportAsync(bodyId, sampleId, context.User, ct) is not { } sample)
                {
                    return Results.NotFound();
                }

                await ExportDownload.AuditAsync(dbFactory, clock, context.User, $"muestra-{sampleId}", exportFormat, bodyId, ct);
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
                return ExportDownload.File(exportFormat, $"muestra-{sampleId}", t["Sheet_Sample"], columns, sample.Items.Select((r, i) => (i + 1, r)).ToList(), clock, context.RequestAborted);
            }).RequireAuthorization(Policies.BodyStaff).PrivateNoStoreDownload();
        return endpoints;
    }

    public static string Version(IStringLocalizer<Resources.Risk> t, int version, bool expert) =>
        expert ? t["VersionExpert", version] : t["Version", version];
}
