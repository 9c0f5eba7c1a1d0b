using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Reviews;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Notifications;
using Certify.Web.Features.Reviews;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Reviews;

/// <summary>
/// The daily deadline jobs on capb-demo, on a hand-set clock: 14:00 UTC, 08:00 in Mexico City, on <see cref="Today"/>.
/// Tests share one database; each makes companies and auditors of its own and asserts on those only.
/// </summary>
public sealed class ReminderJobTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private static readonly DateOnly Today = new(2031, 5, 12);
    private static readonly DateTimeOffset Morning = new(2031, 5, 12, 14, 0, 0, TimeSpan.Zero);

    private static int _people;

    [Fact]
    public async Task ReviewDeadlineJob_DueTomorrow_RemindsTheAuditorOncePerDay()
    {
        var auditor = await AddAuditorAsync();
        var review = await ReviewAsync("Plazo Mañana", auditor.UserId, Today.AddDays(1));
        var clock = new TestClock(Morning);

        await RunReviewJobAsync(clock);
        await RunReviewJobAsync(clock);

        Assert.Equal([$"review-due:{review.Id}:2031-05-12"], await KeysAsync(auditor.UserId));
        Assert.Single(await EmailsAsync(auditor.Email, "Plazo Mañana"));
        Assert.Equal(Today, (await StoredReviewAsync(review.Id)).RemindedOn);
        Assert.Null((await StoredReviewAsync(review.Id)).EscalatedAt);

        clock.Advance(TimeSpan.FromDays(1));
        await RunReviewJobAsync(clock);
        await RunReviewJobAsync(clock);

        Assert.Equal([$"review-due:{review.Id}:2031-05-12", $"review-due:{review.Id}:2031-05-13"], await KeysAsync(auditor.UserId));
        Assert.Equal(2, (await EmailsAsync(auditor.Email, "Plazo Mañana")).Count);
    }

    [Fact]
    public async Task ReviewDeadlineJob_Overdue_RemindsDailyAndEscalatesToProgramAdminsOnce()
    {
        var auditor = await AddAuditorAsync();
        var review = await ReviewAsync("Plazo Vencido", auditor.UserId, Today.AddDays(-1));
        var admin = await AdminAsync();
        var clock = new TestClock(Morning);

        await RunReviewJobAsync(clock);
        await RunReviewJobAsync(clock);
        clock.Advance(TimeSpan.FromDays(1));
        await RunReviewJobAsync(clock);

        Assert.Equal(2, (await KeysAsync(auditor.UserId)).Count(k => k.StartsWith($"review-due:{review.Id}:", StringComparison.Ordinal)));
        Assert.Single(await KeysAsync(admin.UserId), k => k == $"review-overdue:{review.Id}");
        var escalation = Assert.Single(await EmailsAsync(admin.Email, "Plazo Vencido"));
        Assert.StartsWith("Revisión vencida", escalation.Subject, StringComparison.Ordinal);
        var notification = await factory.WithDbAsync(db => db.Notifications.SingleAsync(n => n.UserId == admin.UserId && n.DedupeKey == $"review-overdue:{review.Id}"));
        Assert.Equal($"/organismos/{review.BodyId}/envios", notification.Url);
        Assert.Equal(nameof(NotificationKind.ReviewOverdue), notification.Kind);
    }

    [Fact]
    public async Task ReviewDeadlineJob_UnassignedOverdue_EscalatesWithoutReminding()
    {
        var review = await ReviewAsync("Plazo Sin Auditor", null, Today.AddDays(-3));
        var admin = await AdminAsync();

        await RunReviewJobAsync(new TestClock(Morning));

        Assert.Contains($"review-overdue:{review.Id}", await KeysAsync(admin.UserId));
        var stored = await StoredReviewAsync(review.Id);
        Assert.NotNull(stored.EscalatedAt);
        Assert.Null(stored.RemindedOn);
    }

    [Theory]
    [InlineData(AssessmentState.ChangesRequested)]
    [InlineData(AssessmentState.Approved)]
    public async Task ReviewDeadlineJob_NotTheAuditorsTurn_TellsNobody(AssessmentState state)
    {
        var auditor = await AddAuditorAsync();
        var review = await ReviewAsync($"Plazo {state}", auditor.UserId, Today.AddDays(-5), state);

        await RunReviewJobAsync(new TestClock(Morning));

        Assert.Empty(await KeysAsync(auditor.UserId));
        var stored = await StoredReviewAsync(review.Id);
        Assert.Null(stored.RemindedOn);
        Assert.Null(stored.EscalatedAt);
    }

    [Fact]
    public async Task ReviewDeadlineJob_DueLater_TellsNobody()
    {
        var auditor = await AddAuditorAsync();
        await ReviewAsync("Plazo Lejano", auditor.UserId, Today.AddDays(ReviewDeadlineJob.ReminderDays + 1));

        await RunReviewJobAsync(new TestClock(Morning));

        Assert.Empty(await KeysAsync(auditor.UserId));
    }

    [Fact]
    public async Task CorrectiveActionReminderJob_OpenFindingOverdue_RemindsMembersDailyAndEscalatesOnce()
    {
        var auditor = await AddAuditorAsync();
        var review = await ReviewAsync("Acción Vencida", auditor.UserId, Today.AddDays(-30), AssessmentState.Approved);
        var member = await factory.AddMemberAsync(review.Owner.CompanyId, $"member-{Interlocked.Increment(ref _people)}@reminders.example");
        var finding = await FindingAsync(review, "P-01", FindingStatus.Open, Today.AddDays(-1));
        var admin = await AdminAsync();
        var clock = new TestClock(Morning);

        await RunFindingJobAsync(clock);
        await RunFindingJobAsync(clock);

        foreach (var person in new[] { review.Owner, member })
        {
            Assert.Equal([$"finding-due:{finding}:2031-05-12"], await KeysAsync(person.UserId));
            Assert.Single(await EmailsAsync(person.Email, "P-01"));
        }

        var reminder = await factory.WithDbAsync(db => db.Notifications.FirstAsync(n => n.UserId == member.UserId));
        Assert.Equal($"/empresas/{review.Owner.CompanyId}/evaluaciones/{review.AssessmentId}/acciones", reminder.Url);

        clock.Advance(TimeSpan.FromDays(1));
        await RunFindingJobAsync(clock);

        Assert.Equal([$"finding-due:{finding}:2031-05-12", $"finding-due:{finding}:2031-05-13"], await KeysAsync(member.UserId));
        Assert.Single(await KeysAsync(admin.UserId), k => k == $"finding-overdue:{finding}");
        Assert.Single(await EmailsAsync(admin.Email, "Acción Vencida"));
        Assert.NotNull(await factory.WithDbAsync(db => db.Findings.Where(f => f.Id == finding).Select(f => f.EscalatedAt).SingleAsync()));
    }

    [Fact]
    public async Task CorrectiveActionReminderJob_DueWithinAWeek_RemindsWithoutEscalating()
    {
        var auditor = await AddAuditorAsync();
        var review = await ReviewAsync("Acción Próxima", auditor.UserId, Today.AddDays(-30), AssessmentState.Issued);
        var finding = await FindingAsync(review, "P-02", FindingStatus.Open, Today.AddDays(CorrectiveActionReminderJob.ReminderDays));

        await RunFindingJobAsync(new TestClock(Morning));

        Assert.Equal([$"finding-due:{finding}:2031-05-12"], await KeysAsync(review.Owner.UserId));
        Assert.Null(await factory.WithDbAsync(db => db.Findings.Where(f => f.Id == finding).Select(f => f.EscalatedAt).SingleAsync()));
    }

    [Theory]
    [InlineData(FindingStatus.ActionProposed, AssessmentState.Approved, -3)]
    [InlineData(FindingStatus.Closed, AssessmentState.Approved, -3)]
    [InlineData(FindingStatus.Open, AssessmentState.ChangesRequested, -3)]
    [InlineData(FindingStatus.Open, AssessmentState.Approved, CorrectiveActionReminderJob.ReminderDays + 1)]
    public async Task CorrectiveActionReminderJob_NothingToChase_TellsNobody(FindingStatus status, AssessmentState state, int dueInDays)
    {
        var auditor = await AddAuditorAsync();
        var review = await ReviewAsync($"Acción {status} {state} {dueInDays}", auditor.UserId, Today.AddDays(-30), state);
        var finding = await FindingAsync(review, "P-03", status, Today.AddDays(dueInDays));

        await RunFindingJobAsync(new TestClock(Morning));

        Assert.Empty(await KeysAsync(review.Owner.UserId));
        Assert.Null(await factory.WithDbAsync(db => db.Findings.Where(f => f.Id == finding).Select(f => f.RemindedOn).SingleAsync()));
    }

    private async Task RunReviewJobAsync(TimeProvider clock)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var notifier = ActivatorUtilities.CreateInstance<Notifier>(scope.ServiceProvider, clock);
        await ActivatorUtilities.CreateInstance<ReviewDeadlineJob>(scope.ServiceProvider, notifier, clock).RunAsync(CancellationToken.None);
    }

    private async Task RunFindingJobAsync(TimeProvider clock)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var notifier = ActivatorUtilities.CreateInstance<Notifier>(scope.ServiceProvider, clock);
        await ActivatorUtilities.CreateInstance<CorrectiveActionReminderJob>(scope.ServiceProvider, notifier, clock).RunAsync(CancellationToken.None);
    }

    private Task<List<string>> KeysAsync(string userId) =>
        factory.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.Id).Select(n => n.DedupeKey).ToListAsync());

    private Task<List<OutboundEmail>> EmailsAsync(string to, string text) =>
        factory.WithDbAsync(db => db.OutboundEmails.AsNoTracking().Where(e => e.To == to && (e.Subject.Contains(text) || e.TextBody.Contains(text))).ToListAsync());

    private Task<Review> StoredReviewAsync(long id) => factory.WithDbAsync(db => db.Reviews.AsNoTracking().SingleAsync(r => r.Id == id));

    private async Task<CompanyUser> AddAuditorAsync()
    {
        var email = $"auditor-{Interlocked.Increment(ref _people)}@reminders.example";
        var userId = await factory.CreateUserAsync(email);
        await factory.AddBodyMembershipAsync(await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug), userId, BodyRole.Auditor);
        return new CompanyUser(0, userId, email);
    }

    /// <summary>The demo body's seeded program admin.</summary>
    private async Task<CompanyUser> AdminAsync() =>
        new(0, await factory.UserIdAsync(AssessmentTestData.ProgramAdminEmail), AssessmentTestData.ProgramAdminEmail);

    private sealed record SeededReview(long Id, int AssessmentId, int BodyId, CompanyUser Owner);

    private async Task<SeededReview> ReviewAsync(string tradeName, string? auditorUserId, DateOnly dueOn, AssessmentState state = AssessmentState.InReview)
    {
        var owner = await factory.CreateCompanyAsync(tradeName);
        var programId = await factory.ProgramIdAsync();
        var bodyId = await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);
        return await factory.WithDbAsync(async db =>
        {
            var submitted = Morning.AddDays(-20);
            var assessment = new Assessment
            {
                CompanyId = owner.CompanyId,
                ProgramId = programId,
                QuestionnaireVersionId = await db.Programs.Where(p => p.Id == programId).Select(p => p.QuestionnaireVersionId).SingleAsync(),
                State = state,
                CreatedAt = submitted,
                CreatedByUserId = owner.UserId,
                SubmittedAt = submitted,
                SubmittedByUserId = owner.UserId,
                SubmissionCount = 1,
                OpenSlot = AssessmentWorkflow.IsOpen(state) ? Assessment.SlotFor(owner.CompanyId, programId) : null,
                Version = Guid.NewGuid(),
            };
            db.Assessments.Add(assessment);
            await db.SaveChangesAsync();
            var review = new Review
            {
                AssessmentId = assessment.Id,
                SubmissionNumber = 1,
                AuditorUserId = auditorUserId,
                DueOn = dueOn,
                CreatedAt = submitted,
                AssignedAt = auditorUserId is null ? null : submitted,
                EmailedAt = auditorUserId is null ? null : submitted,
            };
            db.Reviews.Add(review);
            await db.SaveChangesAsync();
            return new SeededReview(review.Id, assessment.Id, bodyId, owner);
        });
    }

    private Task<long> FindingAsync(SeededReview review, string questionCode, FindingStatus status, DateOnly dueOn) =>
        factory.WithDbAsync(async db =>
        {
            var finding = new Finding
            {
                ReviewId = review.Id,
                AssessmentId = review.AssessmentId,
                QuestionCode = questionCode,
                Severity = FindingSeverity.Minor,
                Comment = "Falta el contrato firmado.",
                DueOn = dueOn,
                Status = status,
                CreatedAt = Morning.AddDays(-10),
                UpdatedAt = Morning.AddDays(-10),
                UpdatedByUserId = review.Owner.UserId,
            };
            db.Findings.Add(finding);
            await db.SaveChangesAsync();
            return finding.Id;
        });
}
