using Certify.Domain.Assessments;
using Certify.Domain.Companies;
using Certify.Domain.Questionnaires;

namespace Certify.Web.Features.Dashboards;

/// <summary>A program the dashboard can show.</summary>
public sealed record DashboardProgram(int Id, string Code, LocalizedText Name);

/// <summary>How many assessments are in one state.</summary>
public sealed record PipelineStage(AssessmentState State, int Count);

/// <summary>
/// Decided reviews (changes requested, approved or rejected): how long from submission to decision, in days, and how
/// many were decided on or before their due day. Null figures when nothing was decided.
/// </summary>
public sealed record ReviewTimes(int Decided, decimal? MedianDays, decimal? Percentile90Days, int WithinDeadline)
{
    public decimal? WithinDeadlineShare => Decided == 0 ? null : Math.Round(100m * WithinDeadline / Decided, 1);
}

/// <summary>Of the decided assessments, how many passed one topic (no major or critical non-conformity in it).</summary>
public sealed record TopicPassRate(string SectionCode, LocalizedText Title, int Decided, int Passed)
{
    public decimal? Rate => Decided == 0 ? null : Math.Round(100m * Passed / Decided, 1);
}

/// <summary>A question the auditors found non-compliant (minor, major or critical) in <see cref="Count"/> decided assessments.</summary>
public sealed record NonCompliantQuestion(string QuestionCode, LocalizedText Text, int Count, int Decided)
{
    public decimal Share => Decided == 0 ? 0m : Math.Round(100m * Count / Decided, 1);
}

/// <summary>Active distinctives in one state, by level.</summary>
public sealed record StateLevelCount(MexicanState State, string Level, int Count);

/// <summary>An active distinctive whose last valid day is within the next 60 days.</summary>
public sealed record ExpiringDistinctive(string Number, string CompanyName, string Level, DateOnly LastDay, int DaysLeft);

/// <summary>Everything the program admin / auditor dashboard shows, for one program of one body and the filters.</summary>
public sealed record BodyDashboard(
    int BodyId,
    string BodyName,
    IReadOnlyList<DashboardProgram> Programs,
    DashboardProgram Program,
    DashboardFilter Filter,
    bool CanExport,
    IReadOnlyList<PipelineStage> Pipeline,
    ReviewTimes ReviewTimes,
    IReadOnlyList<TopicPassRate> TopicPassRates,
    IReadOnlyList<NonCompliantQuestion> TopNonCompliant,
    IReadOnlyList<StateLevelCount> ActiveByStateAndLevel,
    IReadOnlyList<ExpiringDistinctive> Expiring,
    int ExpiringTotal)
{
    /// <summary>How far ahead the expiring list looks.</summary>
    public const int ExpiringWindowDays = 60;

    /// <summary>How many of the expiring distinctives are listed (the total is shown beside).</summary>
    public const int ExpiringListed = 20;
}
