namespace Certify.Domain.Questionnaires;

/// <summary>The visibility condition of a question: any or all of its conditions must hold on earlier answers.</summary>
public sealed record ShowIf(ShowIfMode Mode, IReadOnlyList<ShowIfCondition> Conditions);

/// <summary>
/// Holds when the answer to the earlier question <paramref name="QuestionCode"/> is one of
/// <paramref name="Values"/> (for a multiple choice: when any selected value is). <c>equals</c> in the file is a
/// single value.
/// </summary>
public sealed record ShowIfCondition(string QuestionCode, IReadOnlyList<string> Values);
