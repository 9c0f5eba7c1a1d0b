using Certify.Web.Identity;
using Certify.Web.Infrastructure;

namespace Certify.Web.Features.Exports;

public static class ExportEndpoints
{
    /// <summary>
    /// <c>GET /organismos/{bodyId}/exportar/{evaluaciones|hallazgos|distintivos}.{csv|xlsx}</c> with the filters of
    /// <see cref="ExportFilter"/>: an attachment, never cached. Staff policy as on the body's pages (sign-in and
    /// authenticator required); anyone who is not a program admin of that body gets 404.
    /// </summary>
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/organismos/{bodyId:int}/exportar/{kind}.{format}",
            async (int bodyId, string kind, string format, HttpContext context, ExportService exports, CancellationToken ct) =>
            {
                if (!ExportService.TryReadRoute(kind, format, out var exportKind, out var exportFormat)
                    || await exports.OpenAsync(bodyId, exportKind, exportFormat, ExportFilter.FromQuery(context.Request.Query), context.User, ct) is not { } file)
                {
                    return Results.NotFound();
                }

                return Results.Stream(output => file.WriteAsync(output, ct), file.ContentType, file.FileName);
            }).RequireAuthorization(Policies.BodyStaff).PrivateNoStoreDownload();
        return endpoints;
    }
}
