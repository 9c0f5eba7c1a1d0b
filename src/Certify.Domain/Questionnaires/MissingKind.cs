namespace Certify.Domain.Questionnaires;

public enum MissingKind
{
    Answer,
    Evidence,

    /// <summary>A file carried over by a renewal that the company has not yet confirmed or removed.</summary>
    EvidenceToConfirm,
}
