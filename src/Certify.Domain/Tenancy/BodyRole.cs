namespace Certify.Domain.Tenancy;

/// <summary>A user's role inside the certifying body.</summary>
public enum BodyRole
{
    ProgramAdmin,
    Auditor,
}
