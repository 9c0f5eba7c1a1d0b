namespace Certify.Domain.Questionnaires;

/// <summary>How serious a non-compliant answer is. A critical one makes the result not eligible.</summary>
public enum Severity
{
    Critical,
    Major,
    Minor,
}
