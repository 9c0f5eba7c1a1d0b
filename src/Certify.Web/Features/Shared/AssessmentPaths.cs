namespace Certify.Web.Features.Shared;

/// <summary>Local paths of the assessment pages, for links in notifications and e-mails.</summary>
public static class AssessmentPaths
{
    /// <summary>The company's questionnaire page.</summary>
    public static string Questionnaire(int companyId, int assessmentId) => $"/empresas/{companyId}/evaluaciones/{assessmentId}";

    /// <summary>The company's corrective-actions page.</summary>
    public static string CorrectiveActions(int companyId, int assessmentId) => $"/empresas/{companyId}/evaluaciones/{assessmentId}/acciones";

    /// <summary>The certifying body's review screen.</summary>
    public static string Review(int assessmentId) => $"/revisiones/{assessmentId}";
}
