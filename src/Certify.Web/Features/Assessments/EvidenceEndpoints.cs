namespace Certify.Web.Features.Assessments;

public static class EvidenceEndpoints
{
    /// <summary>Evidence downloads, always as an attachment, never rendered inline; anyone else gets 404.</summary>
    public static IEndpointRouteBuilder MapEvidenceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Answer evidence: members of the owning company.
        endpoints.MapGet("/evidencias/{id:long}", async (long id, HttpContext context, AssessmentService assessments, CancellationToken ct) =>
        {
            if (await assessments.OpenEvidenceAsync(id, context.User, ct) is not { } file)
            {
                return Results.NotFound();
            }

            return Results.File(file.Content, file.Item.ContentType, file.Item.FileName, enableRangeProcessing: false);
        }).RequireAuthorization();

        // Corrective-action files: members of the assessed company and active staff of the program's certifying body.
        endpoints.MapGet("/acciones/evidencias/{id:long}", async (long id, HttpContext context, CorrectiveActionService actions, CancellationToken ct) =>
        {
            if (await actions.OpenFileAsync(id, context.User, ct) is not { } file)
            {
                return Results.NotFound();
            }

            return Results.File(file.Content, file.Item.ContentType, file.Item.FileName, enableRangeProcessing: false);
        }).RequireAuthorization();
        return endpoints;
    }
}
