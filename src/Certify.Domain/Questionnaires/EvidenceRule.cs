namespace Certify.Domain.Questionnaires;

/// <summary>
/// Which evidence a question asks for. When <see cref="WhenAnswers"/> is not empty the rule applies only
/// when the answer is (or, for a multiple choice, includes) one of those option values.
/// </summary>
public sealed record EvidenceRule(EvidenceRequirement Rule, IReadOnlyList<string> WhenAnswers, LocalizedText? Hint)
{
    public static EvidenceRule None { get; } = new(EvidenceRequirement.None, [], null);

    /// <summary>Whether this rule asks for evidence given the answer (which must be present).</summary>
    public bool AppliesTo(AnswerValue answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (Rule != EvidenceRequirement.Required)
        {
            return false;
        }

        if (WhenAnswers.Count == 0)
        {
            return true;
        }

        foreach (var value in WhenAnswers)
        {
            if (answer.Includes(value))
            {
                return true;
            }
        }

        return false;
    }
}
