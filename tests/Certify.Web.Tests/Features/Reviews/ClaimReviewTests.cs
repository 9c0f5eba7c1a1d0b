using System.Net;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Reviews;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Reviews;

/// <summary>An auditor takes an unassigned review from the queue. Each test makes its own auditors and companies on capb-demo.</summary>
public sealed class ClaimReviewTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private static int _staff;

    [Fact]
    public async Task ClaimAsync_UnassignedReview_AssignsTheAuditorMarksItEmailedAndAudits()
    {
        var auditor = await factory.AddStaffAsync(await DemoBodyAsync(), BodyRole.Auditor);
        var (_, reviewId) = await UnassignedAsync("Toma Simple");

        var result = await ClaimAsync(reviewId, auditor);

        Assert.Equal(ClaimOutcome.Claimed, result.Outcome);
        var review = await ReviewAsync(reviewId);
        Assert.Equal(auditor.UserId, review.AuditorUserId);
        Assert.NotNull(review.AssignedAt);
        Assert.NotNull(review.EmailedAt);
        Assert.True(await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == "review.claimed" && e.EntityId == reviewId.ToString() && e.UserId == auditor.UserId)));
    }

    [Fact]
    public async Task ClaimAsync_SecondAuditor_IsToldSomeoneElseTookIt()
    {
        var body = await DemoBodyAsync();
        var first = await factory.AddStaffAsync(body, BodyRole.Auditor);
        var second = await factory.AddStaffAsync(body, BodyRole.Auditor);
        var (_, reviewId) = await UnassignedAsync("Toma Doble");

        Assert.Equal(ClaimOutcome.Claimed, (await ClaimAsync(reviewId, first)).Outcome);
        var late = await ClaimAsync(reviewId, second);

        Assert.Equal(ClaimOutcome.AlreadyTaken, late.Outcome);
        Assert.Equal(first.UserId, (await ReviewAsync(reviewId)).AuditorUserId);
    }

    [Fact]
    public async Task ClaimAsync_ConcurrentClaims_ExactlyOneWins()
    {
        var body = await DemoBodyAsync();
        var auditors = new List<CompanyUser>();
        for (var i = 0; i < 4; i++)
        {
            auditors.Add(await factory.AddStaffAsync(body, BodyRole.Auditor));
        }

        var (_, reviewId) = await UnassignedAsync("Toma Carrera");

        var results = await Task.WhenAll(auditors.Select(a => Task.Run(() => ClaimAsync(reviewId, a))));

        Assert.Single(results, r => r.Outcome == ClaimOutcome.Claimed);
        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { ClaimOutcome.Claimed, ClaimOutcome.AlreadyTaken }));
        var winner = auditors[Array.FindIndex(results, r => r.Outcome == ClaimOutcome.Claimed)];
        Assert.Equal(winner.UserId, (await ReviewAsync(reviewId)).AuditorUserId);
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "review.claimed" && e.EntityId == reviewId.ToString())));
    }

    [Fact]
    public async Task ClaimAsync_AuditorWhoIsACompanyMember_IsRefused()
    {
        var auditor = await factory.AddStaffAsync(await DemoBodyAsync(), BodyRole.Auditor);
        var (owner, reviewId) = await UnassignedAsync("Toma Conflicto");
        await factory.AddCompanyMembershipAsync(owner.CompanyId, auditor.UserId, CompanyRole.Member);

        var result = await ClaimAsync(reviewId, auditor);

        Assert.Equal(new ClaimResult(ClaimOutcome.NotAllowed, "conflict"), result);
        Assert.Null((await ReviewAsync(reviewId)).AuditorUserId);
    }

    [Fact]
    public async Task ClaimAsync_AuditorOfAnotherBody_IsNotFound()
    {
        var otherBody = await factory.CreateBodyAsync($"toma-otro-{Interlocked.Increment(ref _staff)}", "Otro organismo de tomas");
        var stranger = await factory.AddStaffAsync(otherBody, BodyRole.Auditor);
        var (_, reviewId) = await UnassignedAsync("Toma Ajena");

        var result = await ClaimAsync(reviewId, stranger);

        Assert.Equal(ClaimOutcome.NotFound, result.Outcome);
        Assert.Null((await ReviewAsync(reviewId)).AuditorUserId);
    }

    [Fact]
    public async Task ClaimAsync_ProgramAdminWhoIsNotAnAuditor_IsRefused()
    {
        var admin = await factory.AddStaffAsync(await DemoBodyAsync(), BodyRole.ProgramAdmin);
        var (_, reviewId) = await UnassignedAsync("Toma Admin");

        Assert.Equal(new ClaimResult(ClaimOutcome.NotAllowed, "not-auditor"), await ClaimAsync(reviewId, admin));
    }

    [Fact]
    public async Task ClaimAsync_ThenRouting_NeverEmailsTheClaimer()
    {
        var auditor = await factory.AddStaffAsync(await DemoBodyAsync(), BodyRole.Auditor);
        var (_, reviewId) = await UnassignedAsync("Toma Sin Correo");
        var assessmentId = (await ReviewAsync(reviewId)).AssessmentId;

        await ClaimAsync(reviewId, auditor);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RouteSubmissionJob>().RunAsync(assessmentId, CancellationToken.None);
        }

        Assert.Empty(await factory.WithDbAsync(db => db.OutboundEmails.Where(e => e.To == auditor.Email).ToListAsync()));
        Assert.Empty(await factory.WithDbAsync(db => db.Notifications.Where(n => n.UserId == auditor.UserId).ToListAsync()));
    }

    [Fact]
    public async Task PostClaim_QueuePage_ClaimsAndShowsTheReviewAsAssigned()
    {
        var body = await DemoBodyAsync();
        var auditor = await factory.AddStaffAsync(body, BodyRole.Auditor);
        var (_, reviewId) = await UnassignedAsync("Toma Página");
        using var client = await SignedInAsync(auditor);
        var url = $"/organismos/{body}/revisiones";
        var before = CertifyWebFactory.Parse(await client.GetStringAsync(url));
        Assert.NotNull(before.QuerySelector($"[data-testid=unassigned] [data-claim='{reviewId}']"));

        using var response = await CertifyWebFactory.PostFormAsync(client, url, "claim-review",
            new Dictionary<string, string> { ["ClaimReviewId"] = reviewId.ToString() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = CertifyWebFactory.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Tomaste la revisión; ahora está en tu cola.", page.QuerySelector("[data-testid=claim-message]")!.TextContent.Trim());
        Assert.Contains("Toma Página", page.QuerySelectorAll("[data-testid=assigned] [data-col=company]").Select(e => e.TextContent.Trim()));
    }

    [Fact]
    public async Task PostClaim_AlreadyTaken_ShowsTheMessage()
    {
        var body = await DemoBodyAsync();
        var first = await factory.AddStaffAsync(body, BodyRole.Auditor);
        var second = await factory.AddStaffAsync(body, BodyRole.Auditor);
        var (_, reviewId) = await UnassignedAsync("Toma Tarde");
        using var client = await SignedInAsync(second);
        var url = $"/organismos/{body}/revisiones";
        var token = await CertifyWebFactory.AntiforgeryTokenAsync(client, url);
        await ClaimAsync(reviewId, first);

        using var response = await CertifyWebFactory.PostFormWithTokenAsync(client, url, "claim-review", token,
            new Dictionary<string, string> { ["ClaimReviewId"] = reviewId.ToString() });

        var page = CertifyWebFactory.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Otra persona ya tomó esta revisión.", page.QuerySelector("[data-testid=claim-message]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Get_Queue_ConflictedAuditor_SeesNoClaimButtonOnTheirCompany()
    {
        var body = await DemoBodyAsync();
        var auditor = await factory.AddStaffAsync(body, BodyRole.Auditor);
        var (owner, reviewId) = await UnassignedAsync("Toma Sin Botón");
        await factory.AddCompanyMembershipAsync(owner.CompanyId, auditor.UserId, CompanyRole.Member);
        using var client = await SignedInAsync(auditor);

        var page = CertifyWebFactory.Parse(await client.GetStringAsync($"/organismos/{body}/revisiones"));

        Assert.NotNull(page.QuerySelector($"[data-testid=unassigned] tr[data-assessment='{(await ReviewAsync(reviewId)).AssessmentId}']"));
        Assert.Null(page.QuerySelector($"[data-claim='{reviewId}']"));
    }

    [Fact]
    public async Task PostClaim_AuditorOfAnotherBody_IsRefusedWithoutChange()
    {
        var body = await DemoBodyAsync();
        var otherBody = await factory.CreateBodyAsync($"toma-post-{Interlocked.Increment(ref _staff)}", "Otro organismo que postea");
        var stranger = await factory.AddStaffAsync(otherBody, BodyRole.Auditor);
        var (_, reviewId) = await UnassignedAsync("Toma Post Ajena");
        using var client = await SignedInAsync(stranger);
        var token = await CertifyWebFactory.AntiforgeryTokenAsync(client, $"/organismos/{otherBody}/revisiones");

        using var response = await CertifyWebFactory.PostFormWithTokenAsync(client, $"/organismos/{body}/revisiones", "claim-review", token,
            new Dictionary<string, string> { ["ClaimReviewId"] = reviewId.ToString() });

        // The page renders no claim form for a stranger, so Blazor refuses the post (400) before the handler's 404.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.NotFound });
        Assert.Null((await ReviewAsync(reviewId)).AuditorUserId);
    }

    private Task<int> DemoBodyAsync() => factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);

    private async Task<HttpClient> SignedInAsync(CompanyUser staff)
    {
        var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, staff.Email);
        return client;
    }

    private async Task<ClaimResult> ClaimAsync(long reviewId, CompanyUser auditor)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReviewQueueService>().ClaimAsync(reviewId, auditor.Principal, CancellationToken.None);
    }

    private Task<Review> ReviewAsync(long reviewId) =>
        factory.WithDbAsync(db => db.Reviews.AsNoTracking().SingleAsync(r => r.Id == reviewId));

    /// <summary>A new company's submitted DRL-AUTO assessment with the unassigned review routing leaves when nobody is eligible.</summary>
    private async Task<(CompanyUser Owner, long ReviewId)> UnassignedAsync(string tradeName)
    {
        var owner = await factory.CreateCompanyAsync(tradeName);
        var programId = await factory.ProgramIdAsync();
        var reviewId = await factory.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var assessment = new Assessment
            {
                CompanyId = owner.CompanyId,
                ProgramId = programId,
                QuestionnaireVersionId = await db.Programs.Where(p => p.Id == programId).Select(p => p.QuestionnaireVersionId).SingleAsync(),
                State = AssessmentState.Submitted,
                CreatedAt = now,
                CreatedByUserId = owner.UserId,
                SubmittedAt = now,
                SubmittedByUserId = owner.UserId,
                SubmissionCount = 1,
                OpenSlot = Assessment.SlotFor(owner.CompanyId, programId),
                Version = Guid.NewGuid(),
            };
            db.Assessments.Add(assessment);
            await db.SaveChangesAsync();
            var review = new Review
            {
                AssessmentId = assessment.Id,
                SubmissionNumber = 1,
                Priority = 1,
                DueOn = DateOnly.FromDateTime(now.UtcDateTime).AddDays(10),
                CreatedAt = now,
            };
            db.Reviews.Add(review);
            await db.SaveChangesAsync();
            return review.Id;
        });
        return (owner, reviewId);
    }
}
