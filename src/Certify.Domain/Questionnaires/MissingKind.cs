namespace Certify.Domain.Questionnaires;

public enum MissingKind
{
    Answer,
    Evidence,
}
