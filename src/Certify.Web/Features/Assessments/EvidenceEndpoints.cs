using Certify.Domain.Evidence;
using Certify.Web.Infrastructure;

namespace Certify.Web.Features.Assessments;

public static class EvidenceEndpoints
{
    /// <summary>
    /// Only the response of an inline view may be framed, and only by this site's own pages (the review screen);
    /// it may run nothing and load nothing.
    /// </summary>
    public const string InlinePolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";

    /// <summary>
    /// Evidence files for the owning company and the certifying body's staff. Downloads are attachments; with
    /// <c>?vista=1</c> PDFs and images (whose type was checked by their bytes on upload) are shown inline, for the
    /// review screen's viewer and thumbnails.
    /// </summary>
    public static IEndpointRouteBuilder MapEvidenceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/evidencias/{evidenceId:long}", async (long evidenceId, string? vista, HttpContext context, AssessmentService assessments, CancellationToken ct) =>
        {
            // Answer evidence: members of the owning company, and the body's staff once submitted.
            if (await assessments.OpenEvidenceAsync(evidenceId, context.User, ct) is not { } file)
            {
                return Results.NotFound();
            }

            if (vista == "1" && EvidenceFiles.ViewableInline(file.Item.ContentType))
            {
                context.Items[SecurityHeaders.OwnPolicy] = true;
                context.Response.Headers.ContentSecurityPolicy = InlinePolicy;
                context.Response.Headers.XFrameOptions = "SAMEORIGIN";
                return Results.Stream(file.Content, file.Item.ContentType, enableRangeProcessing: false);
            }

            return Results.File(file.Content, file.Item.ContentType, file.Item.FileName, enableRangeProcessing: false);
        }).RequireAuthorization().PrivateNoStoreDownload();

        // Corrective-action files: members of the assessed company and active staff of the program's certifying body.
        endpoints.MapGet("/acciones/evidencias/{correctiveEvidenceId:long}", async (long correctiveEvidenceId, HttpContext context, CorrectiveActionService actions, CancellationToken ct) =>
        {
            if (await actions.OpenFileAsync(correctiveEvidenceId, context.User, ct) is not { } file)
            {
                return Results.NotFound();
            }

            return Results.File(file.Content, file.Item.ContentType, file.Item.FileName, enableRangeProcessing: false);
        }).RequireAuthorization().PrivateNoStoreDownload();
        return endpoints;
    }
}
