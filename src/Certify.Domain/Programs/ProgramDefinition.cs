using Certify.Domain.Questionnaires;

namespace Certify.Domain.Programs;

/// <summary>
/// A distinctive program of a certifying body: its questionnaire version, its levels and its review rules.
/// </summary>
public sealed class ProgramDefinition
{
    public ProgramDefinition(
        string code,
        string certifyingBody,
        LocalizedText name,
        QuestionnaireReference questionnaire,
        IEnumerable<LevelRule> levels,
        int reviewDeadlineDays,
        bool requireApprovalConfirmation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(certifyingBody);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(levels);
        Code = code;
        CertifyingBody = certifyingBody;
        Name = name;
        Questionnaire = questionnaire;
        Levels = [.. levels.OrderByDescending(l => l.MinScore)];
        if (Levels.Count == 0)
        {
            throw new ArgumentException("A program needs at least one level.", nameof(levels));
        }

        ReviewDeadlineDays = reviewDeadlineDays;
        RequireApprovalConfirmation = requireApprovalConfirmation;
    }

    /// <summary>Program code, e.g. <c>DRL-AUTO</c>.</summary>
    public string Code { get; }

    /// <summary>Slug of the certifying body that runs the program, e.g. <c>capb-demo</c>.</summary>
    public string CertifyingBody { get; }

    public LocalizedText Name { get; }

    public QuestionnaireReference Questionnaire { get; }

    /// <summary>Levels from the highest minimum score down.</summary>
    public IReadOnlyList<LevelRule> Levels { get; }

    /// <summary>Days the certifying body has to review a submission.</summary>
    public int ReviewDeadlineDays { get; }

    /// <summary>Whether an approval needs a second, explicit confirmation.</summary>
    public bool RequireApprovalConfirmation { get; }
}
