using Certify.Domain.Assessments;
using Certify.Domain.Concerns;
using Certify.Domain.Reviews;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Assessments;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Concerns;
using Certify.Web.Features.Notifications;
using Certify.Web.Features.Reviews;
using Certify.Web.Features.Shared;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Features.Distinctives;
using Certify.Web.Tests.Features.Reviews;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Concerns;

/// <summary>
/// The body's follow-up review after a concern, through the review workflow: the issued assessment goes back to the
/// company on named questions, the company answers and resubmits, the submission is routed to the concern's auditor
/// and reviewed, and closing it returns the assessment to Issued with the distinctive as it was. The company never
/// sees the concern. Real issued assessments on the real database.
/// </summary>
public sealed class FollowUpReviewTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private const string ProgramAdminEmail = "programa@capb.demo";
    private const string Request = "Envía el acta de la última asamblea y la lista de asistencia firmada.";

    [Fact]
    public async Task FollowUp_CompanyAnswersAndResubmits_ConcernsAuditorReviewsAndCloses_DistinctiveStaysAsIssued()
    {
        var (owner, assessmentId) = await factory.IssuedWithAnswersAsync("Seguimiento Completo");
        var issued = Assert.Single(await factory.DistinctivesAsync(assessmentId));
        const string secret = "Secreto-F7Q";
        var (receipt, concernId) = await factory.ReportConcernAsync(issued.VerificationCode, $"{secret}: nos obligan a renunciar al sindicato.");
        var bodyId = issued.CertifyingBodyId;
        var admin = await AdminAsync();
        var concernAuditor = await factory.AddStaffAsync(bodyId, BodyRole.Auditor);
        Assert.Equal(ConcernOutcome.Done, await Concerns(s => s.ActAsync(bodyId, concernId, ConcernCommand.Assign, concernAuditor.UserId, null, admin, CancellationToken.None)));
        var question = (await FollowUps(s => s.QuestionsAsync(concernId, CancellationToken.None)))
            .Select(q => q.Code).First(c => c.StartsWith("LIB", StringComparison.Ordinal));

        Assert.Equal(FollowUpOutcome.NoQuestions, await OpenAsync(bodyId, concernId, admin, new FollowUpItem(null, " ")));
        Assert.Equal(FollowUpOutcome.TextRequired, await OpenAsync(bodyId, concernId, admin, new FollowUpItem(question, " ")));
        Assert.Equal(FollowUpOutcome.UnknownQuestion, await OpenAsync(bodyId, concernId, admin, new FollowUpItem("ZZ-999", "Texto")));
        Assert.Equal(FollowUpOutcome.UnknownQuestion, await OpenAsync(bodyId, concernId, admin, new FollowUpItem(null, "Sin pregunta")));
        Assert.Equal(FollowUpOutcome.DuplicateQuestion, await OpenAsync(bodyId, concernId, admin, new FollowUpItem(question, "Uno"), new FollowUpItem(question, "Dos")));
        Assert.Equal(AssessmentState.Issued, await StateAsync(assessmentId));

        Assert.Equal(FollowUpOutcome.Done, await OpenAsync(bodyId, concernId, admin, new FollowUpItem(question, Request), new FollowUpItem(null, "")));

        Assert.Equal(AssessmentState.ChangesRequested, await StateAsync(assessmentId));
        Assert.Equal(FollowUpOutcome.ReviewOpen, await OpenAsync(bodyId, concernId, admin, new FollowUpItem(question, Request)));
        var concern = await factory.WithDbAsync(db => db.Concerns.AsNoTracking().SingleAsync(c => c.Id == concernId));
        Assert.Equal(ConcernState.UnderReview, concern.State);
        Assert.NotNull(concern.AcknowledgedOn);
        var opened = Assert.Single(await FollowUps(s => s.OfConcernAsync(concernId, CancellationToken.None)));
        Assert.Equal((FollowUpStage.WaitingForCompany, question, Request), (opened.Stage, Assert.Single(opened.Questions).Code, opened.Questions[0].Request));

        // The company sees the body's request on its assessment, may change only that answer, and resubmits.
        var view = await factory.ViewAsync(owner, assessmentId);
        Assert.Equal(issued.Number, view.FollowUp?.DistinctiveNumber);
        Assert.Equal(Request, view.ChangeRequestFor(question)?.Comment);
        Assert.True(view.IsEditable(question));
        var other = view.Answers.Keys.First(c => c != question);
        Assert.Equal(SaveOutcome.Frozen, (await factory.SaveAsync(owner, assessmentId, other, view.Answers[other].Value!, view.Answers[other].Version)).Outcome);
        Assert.Equal(UploadOutcome.Stored, (await factory.UploadAsync(owner, assessmentId, question, AssessmentTestData.Pdf("acta"), "acta-asamblea.pdf")).Outcome);
        Assert.Equal(SubmitOutcome.Submitted, (await factory.WithServiceAsync(s => s.SubmitAsync(owner.CompanyId, assessmentId, owner.Principal, CancellationToken.None))).Outcome);
        await factory.RouteSubmissionAsync(assessmentId);

        var round = await factory.WithDbAsync(db => db.Reviews.AsNoTracking().SingleAsync(r => r.AssessmentId == assessmentId && r.SubmissionNumber == 2));
        Assert.Equal(concernAuditor.UserId, round.AuditorUserId);
        Assert.Equal(FollowUpStage.WaitingForReview, Assert.Single(await FollowUps(s => s.OfConcernAsync(concernId, CancellationToken.None))).Stage);

        // The concern's auditor reviews it in the queue's screen: the round says it is a follow-up and cannot be rejected.
        var review = (await Reviews(s => s.OpenAsync(assessmentId, concernAuditor.Principal, CancellationToken.None))).View!;
        Assert.Equal((AssessmentState.InReview, issued.Number), (review.State, review.FollowUp?.DistinctiveNumber));
        Assert.Equal(Request, Assert.Single(review.FollowUp!.Questions).Request);
        Assert.Equal(ReviewResult.NotAllowed(ReasonCodes.FollowUpNotRejected),
            await Reviews(s => s.RejectAsync(assessmentId, "Motivo", concernAuditor.Principal, CancellationToken.None)));
        Assert.Equal(ReviewResult.Done, await Reviews(s => s.RecordVerdictAsync(assessmentId, question, FindingSeverity.Conformity, "", null, null, concernAuditor.Principal, CancellationToken.None)));
        Assert.Equal(ReviewResult.Done, await Reviews(s => s.MarkRemainingConformityAsync(assessmentId, concernAuditor.Principal, CancellationToken.None)));
        Assert.Equal(ReviewResult.Done, await Reviews(s => s.ApproveAsync(assessmentId, concernAuditor.Principal, CancellationToken.None)));

        Assert.Equal(AssessmentState.Issued, await StateAsync(assessmentId));
        var after = Assert.Single(await factory.DistinctivesAsync(assessmentId));
        Assert.Equal((issued.Id, issued.Number, issued.IssuedAt, issued.ValidUntil, issued.LevelCode), (after.Id, after.Number, after.IssuedAt, after.ValidUntil, after.LevelCode));
        var closed = Assert.Single(await FollowUps(s => s.OfConcernAsync(concernId, CancellationToken.None)));
        Assert.Equal(FollowUpStage.Closed, closed.Stage);
        Assert.NotNull(closed.ClosedOn);
        Assert.True(await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.FollowUpReviewClosed && e.EntityId == assessmentId.ToString())));
        Assert.True(await factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == owner.UserId && n.Kind == nameof(NotificationKind.FollowUpClosed))));
        Assert.True(await factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == owner.UserId && n.Kind == nameof(NotificationKind.FollowUpRequested))));

        // Nothing of the concern reached the company: its assessment page (with its timeline), summary, notifications, report PDF.
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, owner.Email);
        foreach (var path in new[] { AssessmentPaths.Questionnaire(owner.CompanyId, assessmentId), $"{AssessmentPaths.Questionnaire(owner.CompanyId, assessmentId)}/resumen", "/notificaciones" })
        {
            var page = await client.GetStringAsync(path);
            Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
            Assert.DoesNotContain(receipt, page, StringComparison.Ordinal);
        }

        var report = Certify.Web.Tests.Features.Reports.AssessmentReportRendererTests.Text(
            await client.GetByteArrayAsync($"{AssessmentPaths.Questionnaire(owner.CompanyId, assessmentId)}/reporte.pdf"));
        Assert.Contains(issued.Rfc, report, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, report, StringComparison.Ordinal);
        Assert.DoesNotContain(receipt, report, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.DataJson.Contains(secret))));
        Assert.All(await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.CompanyId == owner.CompanyId).ToListAsync()),
            e => Assert.DoesNotContain(secret, e.Details ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FollowUp_OnlyTheBodysAdminOrTheConcernsAuditor_AndNotWhileRenewingOrOnceRevoked()
    {
        var (owner, assessmentId) = await factory.IssuedWithAnswersAsync("Seguimiento Reglas");
        var issued = Assert.Single(await factory.DistinctivesAsync(assessmentId));
        var (_, concernId) = await factory.ReportConcernAsync(issued.VerificationCode, "No nos dejan ver el contrato colectivo de trabajo.");
        var bodyId = issued.CertifyingBodyId;
        var question = (await FollowUps(s => s.QuestionsAsync(concernId, CancellationToken.None)))[0].Code;
        var unassigned = await factory.AddStaffAsync(bodyId, BodyRole.Auditor);
        var otherBody = await factory.CreateBodyAsync("otro-organismo-seguimiento", "Otro organismo (seguimiento)");
        var outsider = await factory.AddStaffAsync(otherBody, BodyRole.ProgramAdmin);

        foreach (var user in new[] { owner, unassigned, outsider })
        {
            Assert.Equal(FollowUpOutcome.NotFound, await OpenAsync(bodyId, concernId, user, new FollowUpItem(question, Request)));
        }

        Assert.Equal(FollowUpOutcome.NotFound, await OpenAsync(otherBody, concernId, outsider, new FollowUpItem(question, Request)));
        Assert.Equal(AssessmentState.Issued, await StateAsync(assessmentId));

        // The company is renewing: its open renewal holds the program, so the body asks through the renewal's review.
        var renewal = await factory.WithServiceAsync(s => s.RenewAsync(owner.CompanyId, assessmentId, owner.Principal, CancellationToken.None));
        Assert.Equal(RenewOutcome.Started, renewal.Outcome);
        Assert.Equal(FollowUpOutcome.RenewalOpen, await OpenAsync(bodyId, concernId, await AdminAsync(), new FollowUpItem(question, Request)));
        Assert.Equal(AssessmentState.Issued, await StateAsync(assessmentId));

        var revoked = await factory.CreateDistinctiveAsync(new DistinctiveSpec { RevokedAt = DateTimeOffset.UtcNow.AddDays(-1), StatusReason = "Revocado" });
        var (_, revokedConcern) = await factory.ReportConcernAsync(revoked.Code.Value, "Descuentos en la nómina sin explicación desde hace meses.");
        Assert.Equal(FollowUpOutcome.DistinctiveNotCurrent, await OpenAsync(revoked.BodyId, revokedConcern, await AdminAsync(), new FollowUpItem(question, Request)));
    }

    [Fact]
    public async Task ConcernPage_OpensTheFollowUpFromItsForm_AndKeepsWhatWasTypedWhenRefused()
    {
        var (_, assessmentId) = await factory.IssuedWithAnswersAsync("Seguimiento Formulario");
        var issued = Assert.Single(await factory.DistinctivesAsync(assessmentId));
        var (_, concernId) = await factory.ReportConcernAsync(issued.VerificationCode, "Acoso del supervisor en el turno de noche, sin atención.");
        var question = (await FollowUps(s => s.QuestionsAsync(concernId, CancellationToken.None)))[1].Code;
        var admin = await factory.AddStaffAsync(issued.CertifyingBodyId, BodyRole.ProgramAdmin);
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, admin.Email);
        var url = $"/organismos/{issued.CertifyingBodyId}/inquietudes/{concernId}";

        using var refused = await CertifyWebFactory.PostFormAsync(client, url, "concern-follow-up", new Dictionary<string, string>
        {
            ["FollowUpCodes[0]"] = question,
            ["FollowUpTexts[0]"] = "",
            ["FollowUpTexts[1]"] = "Texto que no debe perderse",
        });
        var refusedPage = CertifyWebFactory.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Escribe qué evidencia pides", refusedPage.QuerySelector("[data-testid=concern-outcome]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Texto que no debe perderse", refusedPage.QuerySelector("#follow-up-text-1")!.TextContent);
        Assert.NotNull(refusedPage.QuerySelector($"#follow-up-question-0 option[value='{question}'][selected]"));
        Assert.Equal(AssessmentState.Issued, await StateAsync(assessmentId));

        using var sent = await CertifyWebFactory.PostFormAsync(client, url, "concern-follow-up", new Dictionary<string, string>
        {
            ["FollowUpCodes[0]"] = question,
            ["FollowUpTexts[0]"] = Request,
        });
        var page = CertifyWebFactory.Parse(await sent.Content.ReadAsStringAsync());
        Assert.Contains("Abriste la revisión de seguimiento", page.QuerySelector("[data-testid=concern-outcome]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Request, page.QuerySelector("[data-follow-up]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Esperando a la empresa", page.QuerySelector("[data-testid=follow-up-stage]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("#concern-follow-up"));
        Assert.Equal(AssessmentState.ChangesRequested, await StateAsync(assessmentId));
    }

    [Fact]
    public async Task DeadlineJob_RunTwice_RemindsTheCompanyOnceAndTellsTheAdminsOnceWhenOverdue_UntilItAnswers()
    {
        var (owner, assessmentId) = await factory.IssuedWithAnswersAsync("Seguimiento Plazo");
        var issued = Assert.Single(await factory.DistinctivesAsync(assessmentId));
        var (_, concernId) = await factory.ReportConcernAsync(issued.VerificationCode, "Texto-plazo-seguimiento: horas extra sin pago.");
        var question = (await FollowUps(s => s.QuestionsAsync(concernId, CancellationToken.None)))[0].Code;
        Assert.Equal(FollowUpOutcome.Done, await OpenAsync(issued.CertifyingBodyId, concernId, await AdminAsync(), new FollowUpItem(question, Request)));
        var today = DateOnly.FromDateTime(BodyCalendar.Local(DateTimeOffset.UtcNow).DateTime);

        await RunDeadlineJobAsync(2);
        Assert.Empty(await FollowUpNotesAsync(assessmentId, concernId));

        await factory.WithDbAsync(db => db.FollowUpReviews.Where(f => f.ConcernId == concernId)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.DueOn, today.AddDays(-1))));
        await RunDeadlineJobAsync(2);

        var notes = await FollowUpNotesAsync(assessmentId, concernId);
        Assert.Equal([owner.UserId], notes.Where(n => n.Kind == nameof(NotificationKind.FollowUpDueSoon)).Select(n => n.UserId));
        var admins = await factory.WithDbAsync(db => db.BodyMemberships.CountAsync(
            m => m.CertifyingBodyId == issued.CertifyingBodyId && m.Active && m.Role == BodyRole.ProgramAdmin));
        Assert.Equal(admins, notes.Count(n => n.Kind == nameof(NotificationKind.FollowUpOverdue)));
        Assert.All(notes, n => Assert.DoesNotContain("Texto-plazo-seguimiento", n.DataJson, StringComparison.Ordinal));

        // Once the company resubmits, nothing more is due.
        Assert.Equal(SubmitOutcome.Submitted, (await factory.WithServiceAsync(s => s.SubmitAsync(owner.CompanyId, assessmentId, owner.Principal, CancellationToken.None))).Outcome);
        await factory.WithDbAsync(db => db.FollowUpReviews.Where(f => f.ConcernId == concernId)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.RemindedOn, today.AddDays(-1))));
        await RunDeadlineJobAsync(1);
        Assert.Equal(notes.Count, (await FollowUpNotesAsync(assessmentId, concernId)).Count);
    }

    private async Task RunDeadlineJobAsync(int times)
    {
        for (var run = 0; run < times; run++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<FollowUpDeadlineJob>().RunAsync(CancellationToken.None);
        }
    }

    private Task<List<Certify.Data.Entities.Notification>> FollowUpNotesAsync(int assessmentId, long concernId) => factory.WithDbAsync(db => db.Notifications.AsNoTracking()
        .Where(n => (n.Kind == nameof(NotificationKind.FollowUpDueSoon) && n.Url.EndsWith($"/evaluaciones/{assessmentId}"))
            || (n.Kind == nameof(NotificationKind.FollowUpOverdue) && n.Url.EndsWith($"/inquietudes/{concernId}")))
        .ToListAsync());

    private Task<FollowUpOutcome> OpenAsync(int bodyId, long concernId, CompanyUser user, params FollowUpItem[] items) =>
        FollowUps(s => s.OpenAsync(bodyId, concernId, items, user.Principal, CancellationToken.None));

    private Task<FollowUpOutcome> OpenAsync(int bodyId, long concernId, System.Security.Claims.ClaimsPrincipal user, params FollowUpItem[] items) =>
        FollowUps(s => s.OpenAsync(bodyId, concernId, items, user, CancellationToken.None));

    private async Task<System.Security.Claims.ClaimsPrincipal> AdminAsync() =>
        new CompanyUser(0, await factory.UserIdAsync(ProgramAdminEmail), ProgramAdminEmail).Principal;

    private Task<T> FollowUps<T>(Func<FollowUpReviewService, Task<T>> action) => factory.WithServiceAsync(action);

    private Task<T> Concerns<T>(Func<ConcernService, Task<T>> action) => factory.WithServiceAsync(action);

    private Task<T> Reviews<T>(Func<ReviewService, Task<T>> action) => factory.WithServiceAsync(action);

    private Task<AssessmentState> StateAsync(int id) =>
        factory.WithDbAsync(db => db.Assessments.AsNoTracking().Where(a => a.Id == id).Select(a => a.State).SingleAsync());
}
