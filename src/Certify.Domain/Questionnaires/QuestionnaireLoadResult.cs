namespace Certify.Domain.Questionnaires;

/// <summary>Outcome of <see cref="QuestionnaireLoader.Load"/>: a definition, or the errors that refused the file.</summary>
public sealed record QuestionnaireLoadResult(QuestionnaireDefinition? Definition, IReadOnlyList<LoadError> Errors)
{
    public bool IsSuccess => Definition is not null;
}
