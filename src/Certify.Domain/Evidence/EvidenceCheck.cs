namespace Certify.Domain.Evidence;

/// <summary>
/// The outcome of <see cref="EvidenceFiles.Check"/>. <see cref="Type"/> is the type found in the content (null when
/// none was found or the check stopped before looking); <see cref="ContentType"/> and the canonical
/// <see cref="Extension"/> to store under follow from it.
/// </summary>
public sealed record EvidenceCheck(EvidenceRejection Rejection, EvidenceFileType? Type, string? ContentType, string? Extension)
{
    public bool Accepted => Rejection == EvidenceRejection.None;
}
