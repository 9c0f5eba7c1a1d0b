using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Reviews;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Assessments;
using Certify.Web.Features.Notifications;
using Certify.Web.Features.Risk;
using Certify.Web.Features.Reviews;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Certify.Web.Features.Shared;

namespace Certify.Web.Tests.Features.Reviews;

/// <summary>
/// Routing a submission to an auditor of capb-demo. Tests in this class run one after another on one database; each
/// starts by deactivating every auditor of the body and adds the auditors it needs, so earlier tests' reviews and
/// auditors never decide who is chosen.
/// </summary>
public sealed class RoutingTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private static int _auditors;

    [Fact]
    public async Task RouteSubmissionJob_SeveralAuditors_AssignsTheLeastLoadedWhoIsNotACompanyMember()
    {
        await DeactivateAuditorsAsync();
        var busy = await AddAuditorAsync();
        var light = await AddAuditorAsync();
        var conflicted = await AddAuditorAsync();
        await GiveOpenReviewsAsync(busy, 2);
        await GiveOpenReviewsAsync(light, 1);
        var (owner, id) = await SubmittedAsync("Ruta Menor Carga", receive: false);
        await factory.AddCompanyMembershipAsync(owner.CompanyId, conflicted.UserId, CompanyRole.Member);

        await ReceiveAsync(id);
        await RouteAsync(id);

        var review = await ReviewsAsync(id);
        var single = Assert.Single(review);
        Assert.Equal(light.UserId, single.AuditorUserId);
        Assert.NotNull(single.AssignedAt);
        Assert.NotNull(single.EmailedAt);
        Assert.Equal(1, single.SubmissionNumber);
        var stored = await factory.WithDbAsync(db => db.Assessments.AsNoTracking().Include(a => a.Company).SingleAsync(a => a.Id == id));
        var expected = await factory.WithDbAsync(async db => (await RiskModels.ScoreAsync(db, RiskFactsQuery.One(db, stored.CompanyId, stored.ProgramId, single.CreatedAt),
            await RiskModels.CurrentAsync(db, [stored.ProgramId], CancellationToken.None), CancellationToken.None)).Single());
        Assert.Equal(expected.Score, single.Priority);
        Assert.Equal(expected.Model.Version, single.PriorityModelVersion);
        Assert.InRange(single.Priority, 1, 100);
        var deadlineDays = factory.Services.GetRequiredService<QuestionnaireRegistry>().Program(stored.ProgramId).ReviewDeadlineDays;
        var mexicoCity = TimeZoneInfo.FindSystemTimeZoneById("America/Mexico_City");
        Assert.Equal(Deadlines.ReviewDue(TimeZoneInfo.ConvertTime(stored.SubmittedAt!.Value, mexicoCity), deadlineDays), single.DueOn);
        var email = Assert.Single(await EmailsToAsync(light));
        Assert.Contains("Ruta Menor Carga", email.Subject, StringComparison.Ordinal);
        Assert.Contains($"/organismos/{await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug)}", email.TextBody, StringComparison.Ordinal);
        Assert.Empty(await EmailsToAsync(conflicted));
        Assert.Empty(await EmailsToAsync(busy));
        var notification = Assert.Single(await NotificationsAsync(light));
        Assert.Equal(nameof(NotificationKind.ReviewAssigned), notification.Kind);
        Assert.Equal($"review-assigned:{single.Id}:{light.UserId}", notification.DedupeKey);
        Assert.Equal($"/organismos/{await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug)}/revisiones", notification.Url);
        Assert.Null(notification.ReadAt);
    }

    [Fact]
    public async Task RouteSubmissionJob_RunTwice_CreatesOneReviewAssignedOnceAndEmailsOnce()
    {
        await DeactivateAuditorsAsync();
        var auditor = await AddAuditorAsync();
        var (_, id) = await SubmittedAsync("Ruta Repetida");

        await RouteAsync(id);
        var first = Assert.Single(await ReviewsAsync(id));
        await RouteAsync(id);

        var second = Assert.Single(await ReviewsAsync(id));
        Assert.Equal(auditor.UserId, second.AuditorUserId);
        Assert.Equal(first.AssignedAt, second.AssignedAt);
        Assert.Equal(first.EmailedAt, second.EmailedAt);
        Assert.Single(await EmailsToAsync(auditor));
        Assert.Single(await NotificationsAsync(auditor));
    }

    [Fact]
    public async Task RouteSubmissionJob_OverlappingRuns_EmailTheAuditorOnce()
    {
        await DeactivateAuditorsAsync();
        var auditor = await AddAuditorAsync();
        var (_, id) = await SubmittedAsync("Ruta Concurrente");

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => RouteAsync(id))));

        var review = Assert.Single(await ReviewsAsync(id));
        Assert.Equal(auditor.UserId, review.AuditorUserId);
        Assert.NotNull(review.EmailedAt);
        Assert.Single(await EmailsToAsync(auditor));
        Assert.Single(await NotificationsAsync(auditor));
    }

    [Fact]
    public async Task RouteSubmissionJob_NoEligibleAuditor_LeavesTheReviewUnassignedAndEmailsNobody()
    {
        await DeactivateAuditorsAsync();
        var conflicted = await AddAuditorAsync();
        var (owner, id) = await SubmittedAsync("Ruta Sin Auditor", receive: false);
        await factory.AddCompanyMembershipAsync(owner.CompanyId, conflicted.UserId, CompanyRole.Member);

        await ReceiveAsync(id);
        await RouteAsync(id);

        var review = Assert.Single(await ReviewsAsync(id));
        Assert.Null(review.AuditorUserId);
        Assert.Null(review.AssignedAt);
        Assert.Null(review.EmailedAt);
        Assert.Empty(await factory.WithDbAsync(db => db.OutboundEmails.AsNoTracking()
            .Where(e => e.Subject.Contains("Ruta Sin Auditor") && e.To != AssessmentTestData.ProgramAdminEmail).ToListAsync()));
    }

    [Fact]
    public async Task RouteSubmissionJob_Resubmission_ReturnsToTheSameAuditor()
    {
        await DeactivateAuditorsAsync();
        var first = await AddAuditorAsync();
        var other = await AddAuditorAsync();
        var (_, id) = await SubmittedAsync("Ruta Reenvío");
        await RouteAsync(id);
        var original = Assert.Single(await ReviewsAsync(id)).AuditorUserId;
        Assert.NotNull(original);
        var (assigned, idle) = original == first.UserId ? (first, other) : (other, first);

        // Now the assigned auditor is the busier one: only the resubmission rule can send it back to them.
        await GiveOpenReviewsAsync(assigned, 2);
        await factory.WithDbAsync(async db =>
        {
            var assessment = await db.Assessments.SingleAsync(a => a.Id == id);
            assessment.Fire(AssessmentTrigger.StartReview, WorkflowActor.Auditor);
            assessment.Fire(AssessmentTrigger.RequestChanges, WorkflowActor.Auditor);
            assessment.Fire(AssessmentTrigger.Submit, WorkflowActor.CompanyMember);
            assessment.SubmittedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
        });
        await ReceiveAsync(id);
        await RouteAsync(id);

        var reviews = await ReviewsAsync(id);
        Assert.Equal([1, 2], reviews.Select(r => r.SubmissionNumber));
        Assert.All(reviews, r => Assert.Equal(assigned.UserId, r.AuditorUserId));
        Assert.Equal(2, (await EmailsToAsync(assigned)).Count(e => e.Subject.Contains("Ruta Reenvío", StringComparison.Ordinal)));
        Assert.Empty(await EmailsToAsync(idle));
    }

    [Fact]
    public async Task SubmissionReceivedJob_Run_RecordsTheSnapshotAndRoutesTheSubmission()
    {
        await DeactivateAuditorsAsync();
        var auditor = await AddAuditorAsync();
        var (_, id) = await SubmittedAsync("Ruta Directa", receive: false);

        await ReceiveAsync(id);

        Assert.True(await factory.WithDbAsync(db => db.AssessmentSnapshots.AnyAsync(s => s.AssessmentId == id && s.SubmissionNumber == 1)));
        var review = Assert.Single(await ReviewsAsync(id));
        Assert.Equal(auditor.UserId, review.AuditorUserId);
        Assert.Single(await EmailsToAsync(auditor));
    }

    [Fact]
    public async Task SubmissionReconcileJob_SubmissionNeverRouted_EnqueuesRoutingWhichCreatesTheReview()
    {
        await DeactivateAuditorsAsync();
        var auditor = await AddAuditorAsync();
        var (_, id) = await SubmittedAsync("Ruta Perdida");
        var (_, recent) = await SubmittedAsync("Ruta Reciente");

        // The process died after the snapshot and before routing: no review exists.
        await factory.WithDbAsync(db => db.Reviews.Where(r => r.AssessmentId == id || r.AssessmentId == recent).ExecuteDeleteAsync());
        await factory.WithDbAsync(db => db.Assessments.Where(a => a.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.SubmittedAt, DateTimeOffset.UtcNow.AddMinutes(-10))));

        var enqueued = await ReconcileAsync();

        Assert.Single(enqueued, job => job.Type == typeof(RouteSubmissionJob) && Equals(job.Args[0], id));
        Assert.DoesNotContain(enqueued, job => job.Type == typeof(SubmissionReceivedJob) && Equals(job.Args[0], id));
        Assert.DoesNotContain(enqueued, job => Equals(job.Args.FirstOrDefault(), recent));

        await RouteAsync(id);

        Assert.Equal(auditor.UserId, Assert.Single(await ReviewsAsync(id)).AuditorUserId);
        Assert.DoesNotContain(await ReconcileAsync(), job => Equals(job.Args.FirstOrDefault(), id));
    }

    private async Task<(CompanyUser Owner, int AssessmentId)> SubmittedAsync(string tradeName, bool receive = true)
    {
        var submitted = await factory.SubmittedAssessmentAsync(tradeName);
        if (receive)
        {
            await ReceiveAsync(submitted.AssessmentId);
        }

        return submitted;
    }

    private async Task ReceiveAsync(int assessmentId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SubmissionReceivedJob>().RunAsync(assessmentId, CancellationToken.None);
    }

    private async Task RouteAsync(int assessmentId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RouteSubmissionJob>().RunAsync(assessmentId, CancellationToken.None);
    }

    private async Task<IReadOnlyList<Hangfire.Common.Job>> ReconcileAsync()
    {
        var jobs = new RecordingJobClient();
        await using var scope = factory.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<SubmissionReconcileJob>(scope.ServiceProvider, (IBackgroundJobClient)jobs).RunAsync(CancellationToken.None);
        return jobs.Created;
    }

    private Task<List<Review>> ReviewsAsync(int assessmentId) =>
        factory.WithDbAsync(db => db.Reviews.AsNoTracking().Where(r => r.AssessmentId == assessmentId).OrderBy(r => r.SubmissionNumber).ToListAsync());

    private Task<List<OutboundEmail>> EmailsToAsync(CompanyUser auditor) =>
        factory.WithDbAsync(db => db.OutboundEmails.AsNoTracking().Where(e => e.To == auditor.Email).ToListAsync());

    private Task<List<Notification>> NotificationsAsync(CompanyUser auditor) =>
        factory.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == auditor.UserId).ToListAsync());

    private async Task DeactivateAuditorsAsync()
    {
        var bodyId = await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);
        await factory.WithDbAsync(db => db.BodyMemberships.Where(m => m.CertifyingBodyId == bodyId && m.Role == BodyRole.Auditor)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Active, false)));
    }

    /// <summary>A new active auditor of capb-demo; <see cref="CompanyUser.CompanyId"/> is unused (0).</summary>
    private async Task<CompanyUser> AddAuditorAsync()
    {
        var email = $"auditor-{Interlocked.Increment(ref _auditors)}@routing.example";
        var userId = await factory.CreateUserAsync(email);
        await factory.AddBodyMembershipAsync(await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug), userId, BodyRole.Auditor);
        return new CompanyUser(0, userId, email);
    }

    /// <summary>Gives <paramref name="auditor"/> <paramref name="count"/> submitted assessments of other companies to review.</summary>
    private async Task GiveOpenReviewsAsync(CompanyUser auditor, int count)
    {
        var programId = await factory.ProgramIdAsync();
        for (var i = 0; i < count; i++)
        {
            var owner = await factory.CreateCompanyAsync($"Carga {auditor.Email} {i}");
            await factory.WithDbAsync(async db =>
            {
                var now = DateTimeOffset.UtcNow;
                var assessment = new Assessment
                {
                    CompanyId = owner.CompanyId,
                    ProgramId = programId,
                    QuestionnaireVersionId = await db.Programs.Where(p => p.Id == programId).Select(p => p.QuestionnaireVersionId).SingleAsync(),
                    State = AssessmentState.InReview,
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
                db.Reviews.Add(new Review
                {
                    AssessmentId = assessment.Id,
                    SubmissionNumber = 1,
                    AuditorUserId = auditor.UserId,
                    DueOn = DateOnly.FromDateTime(now.UtcDateTime).AddDays(10),
                    CreatedAt = now,
                    AssignedAt = now,
                    EmailedAt = now,
                });
                await db.SaveChangesAsync();
            });
        }
    }
}
