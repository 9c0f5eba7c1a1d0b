namespace Certify.Web.Features.Assessments;

public static class EvidenceEndpoints
{
    /// <summary>Evidence downloads: only members of the owning company; always as an attachment, never rendered inline.</summary>
    public static IEndpointRouteBuilder MapEvidenceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/evidencias/{id:long}", async (long id, HttpContext context, AssessmentService assessments, CancellationToken ct) =>
        {
            if (await assessments.OpenEvidenceAsync(id, context.User, ct) is not { } file)
            {
                return Results.NotFound();
            }

            return Results.File(file.Content, file.Item.ContentType, file.Item.FileName, enableRangeProcessing: false);
        }).RequireAuthorization();
        return endpoints;
    }
}
