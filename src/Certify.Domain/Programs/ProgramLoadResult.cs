using Certify.Domain.Questionnaires;

namespace Certify.Domain.Programs;

/// <summary>Outcome of <see cref="ProgramLoader.Load"/>: a program, or the errors that refused the file.</summary>
public sealed record ProgramLoadResult(ProgramDefinition? Definition, IReadOnlyList<LoadError> Errors)
{
    public bool IsSuccess => Definition is not null;
}
