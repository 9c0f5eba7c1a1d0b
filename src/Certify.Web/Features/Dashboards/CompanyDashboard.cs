using Certify.Domain.Assessments;
using Certify.Domain.Questionnaires;
using Certify.Domain.Reviews;
using Certify.Web.Features.Distinctives;

namespace Certify.Web.Features.Dashboards;

/// <summary>One assessment's self-score per topic (section), 0–100; null for a topic with nothing scored yet.</summary>
public sealed record AssessmentTopicScores(int AssessmentId, string ProgramCode, AssessmentState State, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, decimal?> Scores);

/// <summary>A non-conformity the company still has to answer or see closed.</summary>
public sealed record OpenCorrectiveAction(int AssessmentId, string QuestionCode, LocalizedText QuestionText, FindingSeverity Severity, FindingStatus Status, DateOnly? DueOn, int? DaysLeft);

/// <summary>What the company should do next, most urgent first; <see cref="Href"/> opens the page where it is done.</summary>
public sealed record NextStep(NextStepKind Kind, string Href, int? AssessmentId = null, int Count = 0, string? Number = null, DateOnly? Day = null);

public enum NextStepKind
{
    StartAssessment,
    ContinueDraft,
    AnswerChangeRequest,
    ProposeCorrectiveActions,
    RenewDistinctive,

    /// <summary>The distinctive has already ended: renewal is what brings it back.</summary>
    RenewExpiredDistinctive,
    WaitForReview,
    InviteTeam,
}

/// <summary>The company dashboard: scores by topic, open corrective actions, distinctives and what to do next.</summary>
public sealed record CompanyDashboard(
    int CompanyId,
    IReadOnlyList<(string Code, LocalizedText Title)> Topics,
    IReadOnlyList<AssessmentTopicScores> Assessments,
    IReadOnlyList<OpenCorrectiveAction> CorrectiveActions,
    IReadOnlyList<CompanyDistinctiveItem> Distinctives,
    IReadOnlyList<NextStep> NextSteps)
{
    /// <summary>How many of the latest assessments the score chart compares.</summary>
    public const int ChartedAssessments = 4;
}
