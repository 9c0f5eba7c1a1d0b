using Certify.Web.Infrastructure;

namespace Certify.Web.Features.Concerns;

public static class FollowUpEndpoints
{
    /// <summary>
    /// <c>GET /seguimiento/evidencias/{followUpEvidenceId}</c>: a file the company attached to its answer to a
    /// follow-up request — for members of that company and active staff of the body that asked; 404 for anyone else.
    /// </summary>
    public static IEndpointRouteBuilder MapFollowUpEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/seguimiento/evidencias/{followUpEvidenceId:long}", async (long followUpEvidenceId, HttpContext context, FollowUpRequestService followUps, CancellationToken ct) =>
        {
            if (await followUps.OpenFileAsync(followUpEvidenceId, context.User, ct) is not { } file)
            {
                return Results.NotFound();
            }

            return Results.File(file.Content, file.File.ContentType, file.File.FileName, enableRangeProcessing: false);
        }).RequireAuthorization().PrivateNoStoreDownload();
        return endpoints;
    }
}
