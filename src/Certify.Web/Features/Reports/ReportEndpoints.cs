using Certify.Web.Infrastructure;

namespace Certify.Web.Features.Reports;

public static class ReportEndpoints
{
    /// <summary>Where a company's assessment report is downloaded.</summary>
    public static string AssessmentReport(int companyId, int assessmentId) => $"/empresas/{companyId}/evaluaciones/{assessmentId}/reporte.pdf";

    /// <summary>
    /// The assessment report as a PDF attachment, never cached: for members of the company and the certifying body's
    /// staff once submitted; 404 for anyone else.
    /// </summary>
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/empresas/{companyId:int}/evaluaciones/{assessmentId:int}/reporte.pdf",
            async (int companyId, int assessmentId, HttpContext context, AssessmentReportService reports, CancellationToken ct) =>
            {
                if (await reports.RenderAsync(companyId, assessmentId, context.User, ct) is not { } report)
                {
                    return Results.NotFound();
                }

                return Results.File(report.Content, "application/pdf", report.FileName);
            }).RequireAuthorization().PrivateNoStoreDownload();
        return endpoints;
    }
}
