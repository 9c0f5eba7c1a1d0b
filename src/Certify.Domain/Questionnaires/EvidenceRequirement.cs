namespace Certify.Domain.Questionnaires;

public enum EvidenceRequirement
{
    Required,
    Optional,
    None,
}
