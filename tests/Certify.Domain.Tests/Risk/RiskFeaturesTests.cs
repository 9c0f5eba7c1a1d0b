using Certify.Domain.Companies;
using Certify.Domain.Reviews;
using Certify.Domain.Risk;

namespace Certify.Domain.Tests.Risk;

public sealed class RiskFeaturesTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 16, 0, 0, TimeSpan.Zero);

    /// <summary>A sent-back submission, its resubmission approved 15 points under the self-score, then a rejected one.</summary>
    private static RiskHistory History() => new(
        Workers: 120,
        Tier: AutoPartsTier.Tier3,
        Submissions:
        [
            new(1, 1, T0, 2, 95m, ReviewId: 1, ReviewStartedAt: T0.AddMinutes(1), DecidedAt: null, AuditorScore: null, Rejected: false),
            new(1, 2, T0.AddDays(20), 0, 90m, ReviewId: 2, ReviewStartedAt: T0.AddDays(20).AddMinutes(1), DecidedAt: T0.AddDays(25), AuditorScore: 75m, Rejected: false),
            new(2, 1, T0.AddDays(200), 1, 60m, ReviewId: 3, ReviewStartedAt: T0.AddDays(200).AddMinutes(1), DecidedAt: T0.AddDays(210), AuditorScore: null, Rejected: true),
        ],
        Findings:
        [
            new(1, "SUB-01", FindingSeverity.Major, FindingStatus.Closed, T0.AddDays(2), T0.AddDays(10), DateOnly.FromDateTime(T0.AddDays(30).UtcDateTime)),
            new(1, "LIB-02", FindingSeverity.Minor, FindingStatus.Open, T0.AddDays(2), T0.AddDays(2), DateOnly.FromDateTime(T0.AddDays(30).UtcDateTime)),
            new(2, "LIB-02", FindingSeverity.Minor, FindingStatus.Open, T0.AddDays(24), T0.AddDays(24), DateOnly.FromDateTime(T0.AddDays(60).UtcDateTime)),
            new(2, "IGU-01", FindingSeverity.Critical, FindingStatus.Closed, T0.AddDays(24), T0.AddDays(100), null),
            new(3, "LIB-02", FindingSeverity.Observation, FindingStatus.Open, T0.AddDays(209), T0.AddDays(209), null),
        ],
        Distinctives: [new(T0.AddDays(26), T0.AddDays(26 + 730), SuspendedAt: T0.AddDays(300), RevokedAt: null)],
        ConcernsReceived: [DateOnly.FromDateTime(T0.AddDays(280).UtcDateTime), DateOnly.FromDateTime(T0.AddDays(100).UtcDateTime)]);

    [Fact]
    public void FactsAt_BeforeAnything_AllZero()
    {
        var facts = History().FactsAt(T0.AddDays(-1));

        Assert.Equal(new RiskFacts { Workers = 120, Tier = AutoPartsTier.Tier3 }, facts);
    }

    [Fact]
    public void FactsAt_SecondReviewStart_CountsOnlyWhatWasRecordedBefore()
    {
        var facts = History().FactsAt(T0.AddDays(20).AddMinutes(1));

        Assert.Equal(0, facts.CriticalFailures);
        Assert.Equal(0, facts.OpenMajorFindings);
        Assert.Equal(1, facts.PastMajorFindings);
        Assert.Equal(0, facts.RecurringFindings);
        Assert.Equal(0, facts.OverdueActions);
        Assert.Null(facts.LastDecidedAt);
        Assert.Equal(0, facts.ChangesRequested);
    }

    [Fact]
    public void FactsAt_Day150_RecurringOverdueOverClaimAndChanges()
    {
        var facts = History().FactsAt(T0.AddDays(150));

        Assert.Equal(1, facts.RecurringFindings);
        Assert.Equal(2, facts.OverdueActions);
        Assert.Equal(0, facts.OpenMajorFindings);
        Assert.Equal(2, facts.PastMajorFindings);
        Assert.Equal(90m, facts.LastSelfScore);
        Assert.Equal(75m, facts.LastAuditorScore);
        Assert.Equal(1, facts.ChangesRequested);
        Assert.Equal(0, facts.Rejections);
    }

    [Fact]
    public void FactsAt_Day50_CriticalStillOpen()
    {
        var facts = History().FactsAt(T0.AddDays(50));

        Assert.Equal(1, facts.OpenMajorFindings);
    }

    [Fact]
    public void FactsAt_Day320_RejectionSuspensionAndOneConcernInWindow()
    {
        var facts = History().FactsAt(T0.AddDays(320));

        Assert.Equal(1, facts.Rejections);
        Assert.Equal(1, facts.CriticalFailures);
        Assert.Equal(T0.AddDays(300), facts.DistinctiveSuspendedAt);
        Assert.Equal(1, facts.WorkerConcerns);
        Assert.Equal(T0.AddDays(210), facts.LastDecidedAt);
        Assert.Equal(90m, facts.LastSelfScore);
    }

    [Fact]
    public void Features_FromFacts_EveryFactorInItsUnit()
    {
        var asOf = T0.AddDays(320);
        var facts = History().FactsAt(asOf);

        var x = RiskFeatures.From(facts, asOf);

        Assert.Equal(Enum.GetValues<RiskFactor>().Length, x.Length);
        Assert.Equal(1.5, x[(int)RiskFactor.OverClaim], 6);
        Assert.Equal(110 / 365.25, x[(int)RiskFactor.YearsSinceReview], 6);
        Assert.Equal(1, x[(int)RiskFactor.DistinctiveLapsed]);
        Assert.Equal(0, x[(int)RiskFactor.ExpiresSoon]);
        Assert.Equal((int)CompanySize.Medium, x[(int)RiskFactor.Size]);
        Assert.Equal(2, x[(int)RiskFactor.Tier]);
        Assert.Equal(1, x[(int)RiskFactor.WorkerConcerns]);
    }

    [Fact]
    public void Features_NeverReviewed_MaxYearsAndNoOverClaim()
    {
        var x = RiskFeatures.From(new RiskFacts { Workers = 5, LastSelfScore = 80m }, T0);

        Assert.Equal(RiskFeatures.MaxYearsSinceReview, x[(int)RiskFactor.YearsSinceReview]);
        Assert.Equal(0, x[(int)RiskFactor.OverClaim]);
        Assert.Equal(0, x[(int)RiskFactor.Size]);
    }

    [Theory]
    [InlineData(40, 1, 0)]
    [InlineData(91, 0, 0)]
    [InlineData(-1, 0, 1)]
    public void Features_DistinctiveEnd_ExpiresSoonOrLapsed(int daysLeft, int expiresSoon, int lapsed)
    {
        var facts = new RiskFacts { Workers = 30, DistinctiveValidUntil = T0.AddDays(daysLeft) };

        var x = RiskFeatures.From(facts, T0);

        Assert.Equal(expiresSoon, x[(int)RiskFactor.ExpiresSoon]);
        Assert.Equal(lapsed, x[(int)RiskFactor.DistinctiveLapsed]);
    }

    [Fact]
    public void Day_MexicoCityOffset_MidnightBoundary()
    {
        // 05:59 UTC is still the previous day in Mexico City (UTC−6); 06:00 is the new day.
        var before = new DateTimeOffset(2026, 6, 2, 5, 59, 0, TimeSpan.Zero);
        var after = new DateTimeOffset(2026, 6, 2, 6, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 6, 1).DayNumber, RiskClock.Day(before));
        Assert.Equal(new DateOnly(2026, 6, 2).DayNumber, RiskClock.Day(after));
    }
}
