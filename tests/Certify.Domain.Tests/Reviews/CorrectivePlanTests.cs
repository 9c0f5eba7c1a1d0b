using Certify.Domain.Reviews;

namespace Certify.Domain.Tests.Reviews;

public class CorrectivePlanTests
{
    private static readonly DateOnly June = new(2025, 6, 30);

    [Fact]
    public void From_MixedFindings_KeepsOnlyOpenMajorAndMinorWithDueDates()
    {
        var plan = CorrectivePlan.From(
        [
            new FindingSummary("A-01", FindingSeverity.Conformity, FindingStatus.Open, null),
            new FindingSummary("A-02", FindingSeverity.Observation, FindingStatus.Open, null),
            new FindingSummary("A-03", FindingSeverity.Minor, FindingStatus.Open, June.AddDays(30)),
            new FindingSummary("A-04", FindingSeverity.Major, FindingStatus.ActionProposed, June.AddDays(15)),
            new FindingSummary("A-05", FindingSeverity.Major, FindingStatus.Closed, June.AddDays(5)),
            new FindingSummary("A-06", FindingSeverity.Critical, FindingStatus.Closed, June.AddDays(1)),
        ]);

        Assert.Equal(
        [
            new CorrectivePlanItem("A-04", FindingSeverity.Major, FindingStatus.ActionProposed, June.AddDays(15)),
            new CorrectivePlanItem("A-03", FindingSeverity.Minor, FindingStatus.Open, June.AddDays(30)),
        ],
        plan);
    }

    [Fact]
    public void From_SameDueDate_MajorFirstThenByCode()
    {
        var due = June.AddDays(10);

        var plan = CorrectivePlan.From(
        [
            new FindingSummary("B-02", FindingSeverity.Minor, FindingStatus.Open, due),
            new FindingSummary("B-01", FindingSeverity.Minor, FindingStatus.Open, due),
            new FindingSummary("C-01", FindingSeverity.Major, FindingStatus.Open, due),
        ]);

        Assert.Equal(["C-01", "B-01", "B-02"], plan.Select(i => i.QuestionCode));
    }

    [Fact]
    public void From_MajorWithoutDueDate_ThrowsNamingQuestion()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            CorrectivePlan.From([new FindingSummary("A-07", FindingSeverity.Major, FindingStatus.Open, null)]));

        Assert.Contains("A-07", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_NothingToCorrect_EmptyPlan()
    {
        Assert.Empty(CorrectivePlan.From([new FindingSummary("A-01", FindingSeverity.Minor, FindingStatus.Closed, June)]));
    }
}
