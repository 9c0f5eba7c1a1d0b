using Certify.Domain.Assessments;
using Certify.Domain.Companies;
using Certify.Domain.Reviews;
using Certify.Domain.Risk;
using Certify.Web.Features.Risk;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Tests.Features.Risk;

/// <summary>
/// The facts the database computes for the risk model equal the domain's reference definition (<see cref="RiskHistory"/>)
/// on the same history, at every instant that matters: before anything, at each review's start, between events and
/// now. Runs on whichever provider the suite runs on (SQLite by default, PostgreSQL in CI's second pass).
/// </summary>
public sealed class RiskFactsTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task Facts_FixedHistory_DatabaseEqualsDomainAtEveryInstant()
    {
        var (companyId, history, instants) = await SeedHistoryAsync();

        foreach (var instant in instants)
        {
            var fromDb = await factory.WithDbAsync(async db =>
            {
                var program = await db.Programs.Where(p => p.Code == "DRL-AUTO").Select(p => p.Id).SingleAsync();
                return (await RiskFactsQuery.Facts(db, RiskFactsQuery.One(db, companyId, program, instant)).SingleAsync()).Facts;
            });
            Assert.Equal(history.FactsAt(instant), fromDb);
        }
    }

    [Fact]
    public async Task Facts_FixedHistory_ShowEveryFactorAtLeastOnce()
    {
        var (_, history, instants) = await SeedHistoryAsync();

        var facts = instants.Select(history.FactsAt).ToList();

        // The history is built so that every fact takes a non-trivial value somewhere: the equality test means something.
        Assert.Contains(facts, f => f.CriticalFailures > 0);
        Assert.Contains(facts, f => f.OpenMajorFindings > 0);
        Assert.Contains(facts, f => f.PastMajorFindings > f.OpenMajorFindings);
        Assert.Contains(facts, f => f.RecurringFindings > 0);
        Assert.Contains(facts, f => f.OverdueActions > 0);
        Assert.Contains(facts, f => f.LastSelfScore > f.LastAuditorScore);
        Assert.Contains(facts, f => f.ChangesRequested > 0);
        Assert.Contains(facts, f => f.Rejections > 0);
        Assert.Contains(facts, f => f.DistinctiveSuspendedAt is not null);
        Assert.Contains(facts, f => f.WorkerConcerns > 0);
    }

    [Fact]
    public async Task Training_DecidedReviews_FactsAtTheirStartAndOutcomes()
    {
        var (companyId, history, _) = await SeedHistoryAsync();

        var points = await factory.WithDbAsync(async db =>
        {
            var program = await db.Programs.Where(p => p.Code == "DRL-AUTO").Select(p => p.Id).SingleAsync();
            return await RiskFactsQuery.Facts(db, RiskFactsQuery.Training(db, program)).Where(p => p.Point.CompanyId == companyId).ToListAsync();
        });

        var decided = history.Submissions.Where(s => s.DecidedAt is not null).OrderBy(s => s.ReviewId).ToList();
        Assert.Equal(decided.Select(s => s.ReviewId), points.Select(p => p.Point.ReviewId).Order());
        foreach (var point in points)
        {
            var submission = decided.Single(s => s.ReviewId == point.Point.ReviewId);
            Assert.Equal(history.FactsAt(submission.ReviewStartedAt), point.Facts);
            Assert.Equal(RiskClock.Day(submission.ReviewStartedAt), point.Point.AsOfDay);
            Assert.Equal(history.Findings.Any(f => f.ReviewId == submission.ReviewId && f.Severity >= FindingSeverity.Major), point.Point.MajorFinding);
        }
    }

    /// <summary>
    /// A company with three assessments over 400 days: one sent back then issued (a major finding closed, a minor one
    /// recurring and overdue, a critical one closed later, over-claiming by 18 points), one rejected with a major
    /// finding still open, one in review now with three critical items failed; a distinctive suspended ten days ago;
    /// two worker concerns, one inside the 90-day window. Times are whole seconds (PostgreSQL keeps microseconds).
    /// </summary>
    private async Task<(int CompanyId, RiskHistory History, List<DateTimeOffset> Instants)> SeedHistoryAsync()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var t0 = now.AddDays(-400);
        var day = (DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
        var companyId = await factory.CreateCompanyAsync("Riesgo Historia Fija", workers: 300, AutoPartsTier.Tier2);

        var first = await factory.CreateAssessmentAsync(companyId, AssessmentState.Issued,
            new SubmissionSpec(t0, 2, 90m, null, null,
                new FindingSpec("SUB-01", FindingSeverity.Major, FindingStatus.Closed, t0.AddDays(2), t0.AddDays(10), day(t0.AddDays(30))),
                new FindingSpec("LIB-02", FindingSeverity.Minor, FindingStatus.Open, t0.AddDays(2), t0.AddDays(2), day(t0.AddDays(30)))),
            new SubmissionSpec(t0.AddDays(20), 0, 88m, t0.AddDays(25), 70m,
                new FindingSpec("LIB-02", FindingSeverity.Minor, FindingStatus.ActionProposed, t0.AddDays(24), t0.AddDays(40), day(t0.AddDays(60))),
                new FindingSpec("IGU-01", FindingSeverity.Critical, FindingStatus.Closed, t0.AddDays(24), t0.AddDays(100), day(t0.AddDays(90))),
                new FindingSpec("IGU-02", FindingSeverity.Conformity, FindingStatus.Closed, t0.AddDays(24), t0.AddDays(24))));
        var rejected = await factory.CreateAssessmentAsync(companyId, AssessmentState.Rejected,
            new SubmissionSpec(t0.AddDays(200), 1, 60m, t0.AddDays(210), null,
                new FindingSpec("LIB-02", FindingSeverity.Major, FindingStatus.Open, t0.AddDays(209), t0.AddDays(209))));
        var current = await factory.CreateAssessmentAsync(companyId, AssessmentState.InReview,
            new SubmissionSpec(now.AddDays(-5), 3, 80m));
        var (distinctive, distinctiveId) = await factory.CreateCompanyDistinctiveAsync(companyId, t0.AddDays(26), t0.AddDays(26 + 730), now.AddDays(-10));
        await factory.CreateConcernAsync(companyId, distinctiveId, day(now.AddDays(-20)));
        await factory.CreateConcernAsync(companyId, distinctiveId, day(now.AddDays(-100)));

        var history = new RiskHistory(300, AutoPartsTier.Tier2,
            [.. first.Submissions, .. rejected.Submissions, .. current.Submissions],
            [.. first.Findings, .. rejected.Findings, .. current.Findings],
            [distinctive],
            [day(now.AddDays(-20)), day(now.AddDays(-100))]);
        List<DateTimeOffset> instants =
        [
            t0.AddDays(-1), .. history.Submissions.Select(s => s.ReviewStartedAt), t0.AddDays(2), t0.AddDays(45), t0.AddDays(95), t0.AddDays(150),
            t0.AddDays(300), now.AddDays(-10), now.AddDays(-1), now,
        ];
        return (companyId, history, instants);
    }
}
