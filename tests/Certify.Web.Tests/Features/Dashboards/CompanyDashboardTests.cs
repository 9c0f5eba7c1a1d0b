using System.Net;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Reviews;
using Certify.Web.Features.Dashboards;
using Certify.Web.Features.Distinctives;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Features.Distinctives;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Certify.Web.Features.Shared;

namespace Certify.Web.Tests.Features.Dashboards;

/// <summary>
/// The company dashboard on a fixed company: an issued, fully compliant assessment whose distinctive ends in 30 days,
/// and an approved one with findings — one open major, one minor with an action proposed, one closed, one observation.
/// </summary>
public sealed class CompanyDashboardTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task Figures_FixedCompany_ScoresOpenActionsDistinctiveAndNextSteps()
    {
        var (owner, issuedId, approvedId) = await ArrangeAsync("Tablero Empresa");

        var d = await factory.WithServiceAsync<CompanyDashboardService, CompanyDashboard?>(s => s.GetAsync(owner.CompanyId, owner.Principal, CancellationToken.None));

        Assert.NotNull(d);
        Assert.Equal(["SUB", "LIB", "IGU"], d!.Topics.Select(t => t.Code));
        Assert.Equal([approvedId, issuedId], d.Assessments.Select(a => a.AssessmentId));
        Assert.All(d.Assessments.Single(a => a.AssessmentId == issuedId).Scores.Values, score => Assert.Equal(100m, score));
        Assert.Equal(
            [("SUB-01", FindingSeverity.Major, FindingStatus.Open, 10), ("LIB-01", FindingSeverity.Minor, FindingStatus.ActionProposed, 20)],
            d.CorrectiveActions.Select(a => (a.QuestionCode, a.Severity, a.Status, a.DaysLeft!.Value)));
        var distinctive = Assert.Single(d.Distinctives);
        Assert.True(distinctive.RenewalDue);
        Assert.Equal(RenewalStatus.Available, distinctive.Renewal);
        Assert.Equal(
            [NextStepKind.ProposeCorrectiveActions, NextStepKind.RenewDistinctive, NextStepKind.InviteTeam],
            d.NextSteps.Select(s => s.Kind));
        Assert.Equal(1, d.NextSteps[0].Count);
        Assert.Equal(DistinctivePaths.Company(owner.CompanyId), d.NextSteps[1].Href);
    }

    [Fact]
    public async Task Page_Member_ShowsPanelsAndOtherCompany_NotFound()
    {
        var (owner, _, _) = await ArrangeAsync("Tablero Empresa Página");
        var stranger = await factory.CreateCompanyAsync("Tablero Empresa Extraña");
        var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, owner.Email);

        using var own = await client.GetAsync($"/empresas/{owner.CompanyId}");
        var page = CertifyWebFactory.Parse(await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(3, page.QuerySelectorAll("[data-testid=next-steps] li").Length);
        Assert.Equal(3, page.QuerySelectorAll("table#topic-scores-table tbody tr").Length);
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=open-corrective-actions] tbody tr").Length);
        Assert.NotNull(page.QuerySelector("[data-testid=distinctives-summary] [data-status=Active]"));

        var other = factory.CreateBrowserClient();
        await factory.SignInAsync(other, stranger.Email);
        using var foreign = await other.GetAsync($"/empresas/{owner.CompanyId}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Null(await factory.WithServiceAsync<CompanyDashboardService, CompanyDashboard?>(s => s.GetAsync(owner.CompanyId, stranger.Principal, CancellationToken.None)));
    }

    private async Task<(CompanyUser Owner, int IssuedId, int ApprovedId)> ArrangeAsync(string name)
    {
        var (owner, issuedId) = await factory.SubmittedAssessmentAsync(name, submit: false);
        var now = DateTimeOffset.UtcNow;
        await factory.WithDbAsync(async db =>
        {
            var assessment = await db.Assessments.SingleAsync(a => a.Id == issuedId);
            assessment.State = AssessmentState.Approved;
            assessment.OpenSlot = null;
            assessment.SubmissionCount = 1;
            assessment.CreatedAt = now.AddDays(-60);
            db.Reviews.Add(new Review { AssessmentId = issuedId, SubmissionNumber = 1, DueOn = DateOnly.FromDateTime(now.UtcDateTime), CreatedAt = now.AddDays(-50), DecidedAt = now.AddDays(-40), AuditorScore = 98m, LevelCode = "A" });
            return await db.SaveChangesAsync();
        });
        await factory.IssueAsync(issuedId);
        await factory.WithDbAsync(db => db.Distinctives.Where(d => d.AssessmentId == issuedId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ValidUntil, now.AddDays(30))));

        var today = BodyCalendar.Today(TimeProvider.System);
        var approvedId = await factory.WithDbAsync(async db =>
        {
            var version = await db.Assessments.Where(a => a.Id == issuedId).Select(a => new { a.ProgramId, a.QuestionnaireVersionId }).SingleAsync();
            var assessment = new Assessment
            {
                CompanyId = owner.CompanyId, ProgramId = version.ProgramId, QuestionnaireVersionId = version.QuestionnaireVersionId,
                State = AssessmentState.Approved, CreatedAt = now.AddDays(-5), CreatedByUserId = owner.UserId, SubmissionCount = 1, Version = Guid.NewGuid(),
            };
            db.Assessments.Add(assessment);
            await db.SaveChangesAsync();
            var review = new Review { AssessmentId = assessment.Id, SubmissionNumber = 1, DueOn = today, CreatedAt = now.AddDays(-4), DecidedAt = now.AddDays(-1), LevelCode = "B" };
            db.Reviews.Add(review);
            await db.SaveChangesAsync();
            foreach (var (code, severity, status, due) in new[]
            {
                ("SUB-01", FindingSeverity.Major, FindingStatus.Open, 10),
                ("LIB-01", FindingSeverity.Minor, FindingStatus.ActionProposed, 20),
                ("SUB-02", FindingSeverity.Major, FindingStatus.Closed, 5),
                ("IGU-01", FindingSeverity.Observation, FindingStatus.Open, 0),
            })
            {
                db.Findings.Add(new Finding
                {
                    ReviewId = review.Id, AssessmentId = assessment.Id, QuestionCode = code, Severity = severity, Status = status, Comment = "c",
                    DueOn = severity == FindingSeverity.Observation ? null : today.AddDays(due), CreatedAt = now, UpdatedAt = now, UpdatedByUserId = "auditor",
                });
            }

            await db.SaveChangesAsync();
            return assessment.Id;
        });
        return (owner, issuedId, approvedId);
    }
}
