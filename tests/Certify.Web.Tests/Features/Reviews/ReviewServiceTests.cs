using System.Net;
using System.Text.Json;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Reviews;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Assessments;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Reviews;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Reviews;

/// <summary>
/// The auditor's review decisions on capb-demo, on the real SQLite database. Tests run one after another on one
/// database; each deactivates the body's auditors and adds its own, so routing always picks the test's auditor.
/// </summary>
public sealed class ReviewServiceTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private const string PrivateNote = "NOTA-PRIVADA-del-auditor-7f3a";

    private static int _staff;

    private static readonly DateOnly DueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);

    [Fact]
    public async Task OpenAsync_SubmittedAssessment_StartsTheReviewAndShowsAnswersAndScore()
    {
        var (_, id, auditor) = await RoutedAsync("Revisión Abre");

        var result = await ReviewAsync(s => s.OpenAsync(id, auditor.Principal, CancellationToken.None));

        Assert.Equal(ReviewOutcome.Done, result.Outcome);
        var view = result.View!;
        Assert.Equal(AssessmentState.InReview, view.State);
        Assert.NotEmpty(view.Answers);
        Assert.Empty(view.Findings);
        Assert.Equal(100m, view.AuditorScore.Overall);
        Assert.Equal(AssessmentState.InReview, await StateAsync(id));
        Assert.True(await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "assessment.review-started" && e.EntityId == id.ToString())));
    }

    [Fact]
    public async Task RecordVerdictAsync_MinorWithDueDate_StoresAnOpenFindingAndLowersTheAuditorScore()
    {
        var (_, id, auditor) = await RoutedAsync("Revisión Veredicto");
        var code = await ScoredQuestionAsync(id, auditor);

        var minor = await ReviewAsync(s => s.RecordVerdictAsync(id, code, FindingSeverity.Minor, "Falta firma", PrivateNote, DueOn, auditor.Principal, CancellationToken.None));
        var view = (await ReviewAsync(s => s.OpenAsync(id, auditor.Principal, CancellationToken.None))).View!;

        Assert.Equal(ReviewOutcome.Done, minor.Outcome);
        var finding = Assert.Single(view.Findings);
        Assert.Equal((code, FindingSeverity.Minor, FindingStatus.Open, DueOn, PrivateNote), (finding.QuestionCode, finding.Severity, finding.Status, finding.DueOn, finding.PrivateNote));
        Assert.True(view.AuditorScore.Overall < 100m);

        var conformity = await ReviewAsync(s => s.RecordVerdictAsync(id, code, FindingSeverity.Conformity, "", null, null, auditor.Principal, CancellationToken.None));

        Assert.Equal(ReviewOutcome.Done, conformity.Outcome);
        var stored = Assert.Single(await FindingsAsync(id));
        Assert.Equal((FindingSeverity.Conformity, FindingStatus.Closed, (DateOnly?)null), (stored.Severity, stored.Status, stored.DueOn));
    }

    [Fact]
    public async Task RecordVerdictAsync_NonConformityWithoutDueDateOrUnknownQuestion_IsInvalid()
    {
        var (_, id, auditor) = await RoutedAsync("Revisión Sin Fecha");
        var code = await ScoredQuestionAsync(id, auditor);

        var noDue = await ReviewAsync(s => s.RecordVerdictAsync(id, code, FindingSeverity.Major, "Sin evidencia", null, null, auditor.Principal, CancellationToken.None));
        var unknown = await ReviewAsync(s => s.RecordVerdictAsync(id, "ZZ-999", FindingSeverity.Conformity, "", null, null, auditor.Principal, CancellationToken.None));

        Assert.Equal(new ReviewResult(ReviewOutcome.Invalid, ReasonCodes.DueDateRequired), noDue);
        Assert.Equal(ReviewOutcome.Invalid, unknown.Outcome);
        Assert.Empty(await FindingsAsync(id));
    }

    [Fact]
    public async Task RequestChangesAsync_ChosenQuestion_UnlocksOnlyThatAnswerUntilResubmission()
    {
        var (owner, id, auditor) = await RoutedAsync("Revisión Cambios");
        var codes = (await ReviewAsync(s => s.OpenAsync(id, auditor.Principal, CancellationToken.None))).View!.Answers.Keys.Order(StringComparer.Ordinal).Take(2).ToList();

        var empty = await ReviewAsync(s => s.RequestChangesAsync(id, [], auditor.Principal, CancellationToken.None));
        var requested = await ReviewAsync(s => s.RequestChangesAsync(id, [(codes[0], "Actualice el documento")], auditor.Principal, CancellationToken.None));

        Assert.Equal(ReviewOutcome.Invalid, empty.Outcome);
        Assert.Equal(ReviewOutcome.Done, requested.Outcome);
        Assert.Equal(AssessmentState.ChangesRequested, await StateAsync(id));
        var company = await factory.ViewAsync(owner, id);
        var unlocked = company.Answers[codes[0]];
        var locked = company.Answers[codes[1]];
        Assert.Equal(SaveOutcome.Saved, (await factory.SaveAsync(owner, id, codes[0], unlocked.Value!, unlocked.Version)).Outcome);
        Assert.Equal(SaveOutcome.Frozen, (await factory.SaveAsync(owner, id, codes[1], locked.Value!, locked.Version)).Outcome);
        Assert.Equal(UploadOutcome.Frozen, (await factory.UploadAsync(owner, id, codes[1], AssessmentTestData.Pdf("bloqueada"), "bloqueada.pdf")).Outcome);

        var resubmitted = await factory.WithServiceAsync(s => s.SubmitAsync(owner.CompanyId, id, owner.Principal, CancellationToken.None));

        Assert.Equal(SubmitOutcome.Submitted, resubmitted.Outcome);
        Assert.Equal(AssessmentState.Submitted, await StateAsync(id));
        Assert.Empty(await factory.WithDbAsync(db => db.UnlockedQuestions.AsNoTracking().Where(u => u.AssessmentId == id).ToListAsync()));
    }

    [Fact]
    public async Task ApproveAsync_OpenCriticalFinding_IsBlockedUntilTheFindingIsClosed()
    {
        var (owner, id, auditor) = await RoutedAsync("Revisión Crítica");
        var code = await ScoredQuestionAsync(id, auditor);
        await ReviewAsync(s => s.RecordVerdictAsync(id, code, FindingSeverity.Critical, "Trabajo infantil", null, DueOn, auditor.Principal, CancellationToken.None));
        await MarkRemainingAsync(id, auditor);

        var blocked = await ReviewAsync(s => s.ApproveAsync(id, auditor.Principal, CancellationToken.None));

        Assert.Equal(new ReviewResult(ReviewOutcome.Blocked, ApprovalReasonCodes.OpenCriticalFinding), blocked);
        Assert.Equal(AssessmentState.InReview, await StateAsync(id));

        // The company answers the finding while the submission is back with it, then resubmits to the same auditor.
        Assert.Equal(ReviewOutcome.Done, (await ReviewAsync(s => s.RequestChangesAsync(id, [(code, "Corrija")], auditor.Principal, CancellationToken.None))).Outcome);
        var finding = Assert.Single(await FindingsAsync(id), f => f.QuestionCode == code);
        Assert.Equal(ReviewOutcome.Done, (await ReviewAsync(s => s.ProposeActionAsync(finding.Id, "Se dio de baja y se capacitó", owner.Principal, CancellationToken.None))).Outcome);
        Assert.Equal(SubmitOutcome.Submitted, (await factory.WithServiceAsync(s => s.SubmitAsync(owner.CompanyId, id, owner.Principal, CancellationToken.None))).Outcome);
        await factory.RouteSubmissionAsync(id);
        await ReviewAsync(s => s.OpenAsync(id, auditor.Principal, CancellationToken.None));
        Assert.Equal(ReviewOutcome.Blocked, (await ReviewAsync(s => s.ApproveAsync(id, auditor.Principal, CancellationToken.None))).Outcome);

        var closed = await ReviewAsync(s => s.CloseFindingAsync(finding.Id, auditor.Principal, CancellationToken.None));
        var approved = await ReviewAsync(s => s.ApproveAsync(id, auditor.Principal, CancellationToken.None));

        Assert.Equal(ReviewOutcome.Done, closed.Outcome);
        Assert.Equal(ReviewOutcome.Done, approved.Outcome);
        Assert.Equal(AssessmentState.Approved, await StateAsync(id));
        var review = await factory.WithDbAsync(db => db.Reviews.AsNoTracking().Where(r => r.AssessmentId == id).OrderByDescending(r => r.SubmissionNumber).FirstAsync());
        Assert.Equal(auditor.UserId, review.DecidedByUserId);
        Assert.NotNull(review.DecidedAt);
        var audit = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "assessment.approved" && e.EntityId == id.ToString()));
        using var details = JsonDocument.Parse(audit.Details!);
        Assert.True(details.RootElement.TryGetProperty("Level", out _));
        Assert.True(details.RootElement.TryGetProperty("AuditorScore", out _));
    }

    [Fact]
    public async Task ApproveAsync_UnjudgedQuestions_IsBlockedAndChangesNothing()
    {
        var (_, id, auditor) = await RoutedAsync("Revisión Sin Veredictos");
        var code = await ScoredQuestionAsync(id, auditor);
        await ReviewAsync(s => s.RecordVerdictAsync(id, code, FindingSeverity.Conformity, "", null, null, auditor.Principal, CancellationToken.None));
        var view = (await ReviewAsync(s => s.OpenAsync(id, auditor.Principal, CancellationToken.None))).View!;
        var before = await factory.WithDbAsync(db => db.Assessments.AsNoTracking().SingleAsync(a => a.Id == id));
        var eventsBefore = await AssessmentEventCountAsync(id);

        var blocked = await ReviewAsync(s => s.ApproveAsync(id, auditor.Principal, CancellationToken.None));

        Assert.Equal(new ReviewResult(ReviewOutcome.Blocked, ApprovalReasonCodes.UnjudgedQuestions), blocked);
        Assert.False(view.Approval.Allowed);
        Assert.True(view.Approval.Unjudged > 1);
        var after = await factory.WithDbAsync(db => db.Assessments.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal((AssessmentState.InReview, before.Version), (after.State, after.Version));
        var review = await factory.WithDbAsync(db => db.Reviews.AsNoTracking().SingleAsync(r => r.AssessmentId == id));
        Assert.Null(review.DecidedAt);
        Assert.Null(review.ApprovalRequestedAt);
        Assert.Equal(eventsBefore, await AssessmentEventCountAsync(id));
        Assert.Single(await FindingsAsync(id));
    }

    [Fact]
    public async Task MarkRemainingConformityAsync_RecordsConformityOnEveryUnjudgedQuestionWithOneAuditEvent()
    {
        var (_, id, auditor) = await RoutedAsync("Revisión En Bloque");
        var code = await ScoredQuestionAsync(id, auditor);
        await ReviewAsync(s => s.RecordVerdictAsync(id, code, FindingSeverity.Minor, "Falta firma", null, DueOn, auditor.Principal, CancellationToken.None));
        var unjudged = (await ReviewAsync(s => s.OpenAsync(id, auditor.Principal, CancellationToken.None))).View!.Approval.Unjudged;

        var marked = await ReviewAsync(s => s.MarkRemainingConformityAsync(id, auditor.Principal, CancellationToken.None));
        var again = await ReviewAsync(s => s.MarkRemainingConformityAsync(id, auditor.Principal, CancellationToken.None));

        Assert.Equal(ReviewResult.Done, marked);
        Assert.Equal(ReviewResult.Invalid(ReasonCodes.NothingToMark), again);
        var findings = await FindingsAsync(id);
        Assert.Equal(unjudged + 1, findings.Count);
        Assert.Equal(FindingSeverity.Minor, findings.Single(f => f.QuestionCode == code).Severity);
        Assert.All(findings.Where(f => f.QuestionCode != code), f => Assert.Equal((FindingSeverity.Conformity, FindingStatus.Closed), (f.Severity, f.Status)));
        var audit = Assert.Single(await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.ReviewRemainingMarkedConformity && e.EntityId == id.ToString()).ToListAsync()));
        using var details = JsonDocument.Parse(audit.Details!);
        Assert.Equal(unjudged, details.RootElement.GetProperty("Count").GetInt32());
        Assert.True((await ReviewAsync(s => s.OpenAsync(id, auditor.Principal, CancellationToken.None))).View!.Approval.Allowed);
    }

    [Fact]
    public async Task RejectAsync_ReasonRequired_RejectsWithTheReason()
    {
        var (_, id, auditor) = await RoutedAsync("Revisión Rechazo");
        await ReviewAsync(s => s.OpenAsync(id, auditor.Principal, CancellationToken.None));

        var blank = await ReviewAsync(s => s.RejectAsync(id, "  ", auditor.Principal, CancellationToken.None));

        Assert.Equal(ReviewOutcome.Invalid, blank.Outcome);
        Assert.Equal(AssessmentState.InReview, await StateAsync(id));

        var rejected = await ReviewAsync(s => s.RejectAsync(id, "Documentación apócrifa", auditor.Principal, CancellationToken.None));

        Assert.Equal(ReviewOutcome.Done, rejected.Outcome);
        Assert.Equal(AssessmentState.Rejected, await StateAsync(id));
        Assert.Equal("Documentación apócrifa", (await factory.WithDbAsync(db => db.Reviews.AsNoTracking().SingleAsync(r => r.AssessmentId == id))).DecisionReason);
    }

    [Fact]
    public async Task EveryMethod_AuditorOfAnotherBody_GetsNotFound()
    {
        var (_, id, auditor) = await RoutedAsync("Revisión Otro Organismo");
        var findingId = await OpenWithFindingAsync(id, auditor);
        var n = Interlocked.Increment(ref _staff);
        var otherBody = await factory.CreateBodyAsync($"otro-organismo-{n}", $"Otro organismo {n}");
        var outsider = await factory.AddStaffAsync(otherBody, BodyRole.Auditor);
        await factory.AddBodyMembershipAsync(otherBody, outsider.UserId, BodyRole.ProgramAdmin);

        await AssertAllNotFoundAsync(id, findingId, outsider);
        Assert.Equal(ReviewOutcome.NotFound, (await ReviewAsync(s => s.ProposeActionAsync(findingId, "Acción", outsider.Principal, CancellationToken.None))).Outcome);
        Assert.Equal(AssessmentState.InReview, await StateAsync(id));
    }

    [Fact]
    public async Task AuditorActions_UnassignedAuditorOfTheSameBody_GetsNotFound()
    {
        var (_, id, auditor) = await RoutedAsync("Revisión No Asignada");
        var findingId = await OpenWithFindingAsync(id, auditor);
        var colleague = await factory.AddStaffAsync(await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug), BodyRole.Auditor);

        await AssertAllNotFoundAsync(id, findingId, colleague);
        Assert.Equal(AssessmentState.InReview, await StateAsync(id));
        Assert.Equal(FindingSeverity.Minor, Assert.Single(await FindingsAsync(id)).Severity);
    }

    [Fact]
    public async Task PrivateNote_CompanyViewAndPages_NeverContainIt()
    {
        var (owner, id, auditor) = await RoutedAsync("Revisión Nota Privada");
        await OpenWithFindingAsync(id, auditor);
        var code = await ScoredQuestionAsync(id, auditor);
        Assert.Equal(ReviewOutcome.Done, (await ReviewAsync(s => s.RequestChangesAsync(id, [(code, "Revise")], auditor.Principal, CancellationToken.None))).Outcome);
        Assert.Equal(PrivateNote, Assert.Single((await ReviewAsync(s => s.OpenAsync(id, auditor.Principal, CancellationToken.None))).View!.Findings).PrivateNote);

        var json = JsonSerializer.Serialize(await factory.ViewAsync(owner, id));

        Assert.Contains(owner.CompanyId.ToString(System.Globalization.CultureInfo.InvariantCulture), json, StringComparison.Ordinal);
        Assert.DoesNotContain(PrivateNote, json, StringComparison.Ordinal);
        var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, owner.Email);
        foreach (var url in new[] { $"/empresas/{owner.CompanyId}/evaluaciones/{id}", $"/empresas/{owner.CompanyId}/evaluaciones/{id}/resumen" })
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(PrivateNote, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FourEyes_AuditorApproval_WaitsForAnotherProgramAdminWhoConfirms()
    {
        var (owner, id, auditor) = await RoutedAsync("Revisión Cuatro Ojos");
        var bodyId = await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);
        var admin = await factory.AddStaffAsync(bodyId, BodyRole.ProgramAdmin);
        await SetFourEyesAsync(true);
        try
        {
            var code = await ScoredQuestionAsync(id, auditor);
            await MarkRemainingAsync(id, auditor);

            var requested = await ReviewAsync(s => s.ApproveAsync(id, auditor.Principal, CancellationToken.None));
            var verdictWhilePending = await ReviewAsync(s => s.RecordVerdictAsync(id, code, FindingSeverity.Conformity, "", null, null, auditor.Principal, CancellationToken.None));
            var selfConfirm = await ReviewAsync(s => s.ConfirmApprovalAsync(id, auditor.Principal, CancellationToken.None));
            var adminView = (await ReviewAsync(s => s.OpenAsync(id, admin.Principal, CancellationToken.None))).View!;

            Assert.Equal(ReviewResult.AwaitingConfirmation, requested);
            Assert.Equal(AssessmentState.InReview, await StateAsync(id));
            Assert.Equal(ReviewResult.NotAllowed(ReasonCodes.ApprovalPending), verdictWhilePending);
            Assert.Equal(ReviewResult.NotAllowed(ReasonCodes.SameConfirmer), selfConfirm);
            Assert.True(adminView.CanConfirm);
            Assert.Equal(auditor.UserId, adminView.PendingApproval!.RequestedByUserId);
            Assert.True(await HasNotificationAsync(admin.UserId, "ApprovalAwaitingConfirmation"));

            var confirmed = await ReviewAsync(s => s.ConfirmApprovalAsync(id, admin.Principal, CancellationToken.None));

            Assert.Equal(ReviewResult.Done, confirmed);
            Assert.Equal(AssessmentState.Approved, await StateAsync(id));
            var review = await factory.WithDbAsync(db => db.Reviews.AsNoTracking().SingleAsync(r => r.AssessmentId == id));
            Assert.Equal(("A", 100m, auditor.UserId), (review.LevelCode, review.AuditorScore, review.DecidedByUserId));
            Assert.True(await HasNotificationAsync(owner.UserId, "Approved"));
        }
        finally
        {
            await SetFourEyesAsync(false);
        }
    }

    [Fact]
    public async Task FourEyes_SendBack_NeedsAReasonAndReturnsTheReviewToTheAuditor()
    {
        var (_, id, auditor) = await RoutedAsync("Revisión Devuelta");
        var admin = await factory.AddStaffAsync(await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug), BodyRole.ProgramAdmin);
        await SetFourEyesAsync(true);
        try
        {
            await ScoredQuestionAsync(id, auditor);
            await MarkRemainingAsync(id, auditor);
            Assert.Equal(ReviewResult.AwaitingConfirmation, await ReviewAsync(s => s.ApproveAsync(id, auditor.Principal, CancellationToken.None)));

            var blank = await ReviewAsync(s => s.SendBackApprovalAsync(id, " ", admin.Principal, CancellationToken.None));
            var sentBack = await ReviewAsync(s => s.SendBackApprovalAsync(id, "Falta revisar la sección IGU", admin.Principal, CancellationToken.None));
            var nothingToConfirm = await ReviewAsync(s => s.ConfirmApprovalAsync(id, admin.Principal, CancellationToken.None));

            Assert.Equal(ReviewResult.Invalid(ReasonCodes.ReasonRequired), blank);
            Assert.Equal(ReviewResult.Done, sentBack);
            Assert.Equal(ReviewResult.NotAllowed(ReasonCodes.NoApprovalPending), nothingToConfirm);
            Assert.Equal(AssessmentState.InReview, await StateAsync(id));
            Assert.True((await ReviewAsync(s => s.OpenAsync(id, auditor.Principal, CancellationToken.None))).View!.AuditorCanAct);
            Assert.True(await HasNotificationAsync(auditor.UserId, "ApprovalSentBack"));
        }
        finally
        {
            await SetFourEyesAsync(false);
        }
    }

    [Fact]
    public async Task Decisions_NotifyTheCompanyInTheAppAndByEmail()
    {
        var (owner, id, auditor) = await RoutedAsync("Revisión Avisos");
        var code = await ScoredQuestionAsync(id, auditor);

        Assert.Equal(ReviewResult.Done, await ReviewAsync(s => s.RequestChangesAsync(id, [(code, "Actualice")], auditor.Principal, CancellationToken.None)));

        var notification = await factory.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == owner.UserId && n.Kind == "ChangesRequested"));
        Assert.Equal($"/empresas/{owner.CompanyId}/evaluaciones/{id}", notification.Url);
        Assert.Null(notification.ReadAt);
        Assert.True(await factory.WithDbAsync(db => db.OutboundEmails.AnyAsync(e => e.To == owner.Email && e.Subject.StartsWith("Cambios solicitados"))));
    }

    [Fact]
    public async Task Evidence_BodyStaffReadItOnceSubmitted_InlineOnlyForPdfAndImagesAndFramedOnlyByTheSite()
    {
        var (owner, id, auditor) = await RoutedAsync("Revisión Evidencia");
        var evidenceId = await factory.WithDbAsync(db => db.EvidenceFiles.Where(e => e.AssessmentId == id).Select(e => e.Id).FirstAsync());
        var auditorClient = factory.CreateBrowserClient();
        await factory.SignInAsync(auditorClient, auditor.Email);
        var outsiderBody = await factory.CreateBodyAsync($"evidencia-ajena-{Interlocked.Increment(ref _staff)}", "Organismo ajeno");
        var outsider = await factory.AddStaffAsync(outsiderBody, BodyRole.Auditor);
        var outsiderClient = factory.CreateBrowserClient();
        await factory.SignInAsync(outsiderClient, outsider.Email);

        var download = await auditorClient.GetAsync(new Uri($"/evidencias/{evidenceId}", UriKind.Relative));
        var inline = await auditorClient.GetAsync(new Uri($"/evidencias/{evidenceId}?vista=1", UriKind.Relative));
        var foreign = await outsiderClient.GetAsync(new Uri($"/evidencias/{evidenceId}?vista=1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(HttpStatusCode.OK, inline.StatusCode);
        Assert.Null(inline.Content.Headers.ContentDisposition);
        Assert.Equal("application/pdf", inline.Content.Headers.ContentType?.MediaType);
        Assert.Contains("frame-ancestors 'self'", inline.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("SAMEORIGIN", inline.Headers.GetValues("X-Frame-Options").Single());
        PrivateDownloadAssert.NotStored(download);
        PrivateDownloadAssert.NotStored(inline);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.NotEqual(0, owner.CompanyId);
    }

    private Task<bool> HasNotificationAsync(string userId, string kind) =>
        factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == userId && n.Kind == kind));

    private Task SetFourEyesAsync(bool required) =>
        factory.WithDbAsync(db => db.Programs.Where(p => p.Code == AssessmentTestData.ProgramCode)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.RequireApprovalConfirmation, required)));

    private async Task AssertAllNotFoundAsync(int id, long findingId, CompanyUser user)
    {
        var p = user.Principal;
        var ct = CancellationToken.None;
        Assert.Equal(ReviewOutcome.NotFound, (await ReviewAsync(s => s.OpenAsync(id, p, ct))).Outcome);
        var results = new List<ReviewResult>
        {
            await ReviewAsync(s => s.RecordVerdictAsync(id, "ZZ-999", FindingSeverity.Conformity, "", null, null, p, ct)),
            await ReviewAsync(s => s.RequestChangesAsync(id, [("ZZ-999", "x")], p, ct)),
            await ReviewAsync(s => s.CloseFindingAsync(findingId, p, ct)),
            await ReviewAsync(s => s.ReopenFindingAsync(findingId, p, ct)),
            await ReviewAsync(s => s.MarkRemainingConformityAsync(id, p, ct)),
            await ReviewAsync(s => s.ApproveAsync(id, p, ct)),
            await ReviewAsync(s => s.RejectAsync(id, "motivo", p, ct)),
        };
        Assert.All(results, r => Assert.Equal(ReviewOutcome.NotFound, r.Outcome));
    }

    private Task<int> AssessmentEventCountAsync(int id) =>
        factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.EntityType == nameof(Assessment) && e.EntityId == id.ToString()));

    private async Task MarkRemainingAsync(int id, CompanyUser auditor) =>
        Assert.Equal(ReviewResult.Done, await ReviewAsync(s => s.MarkRemainingConformityAsync(id, auditor.Principal, CancellationToken.None)));

    /// <summary>Opens the review and records a minor finding with the private note; returns the finding's id.</summary>
    private async Task<long> OpenWithFindingAsync(int id, CompanyUser auditor)
    {
        var code = await ScoredQuestionAsync(id, auditor);
        var recorded = await ReviewAsync(s => s.RecordVerdictAsync(id, code, FindingSeverity.Minor, "Comentario", PrivateNote, DueOn, auditor.Principal, CancellationToken.None));
        Assert.Equal(ReviewOutcome.Done, recorded.Outcome);
        return Assert.Single(await FindingsAsync(id)).Id;
    }

    /// <summary>Opens the review (starting it) and returns the first answered question that counts for the score.</summary>
    private async Task<string> ScoredQuestionAsync(int id, CompanyUser auditor)
    {
        var view = (await ReviewAsync(s => s.OpenAsync(id, auditor.Principal, CancellationToken.None))).View!;
        return view.Answers.Keys.Order(StringComparer.Ordinal).First(c => view.Definition.FindQuestion(c)!.Scored);
    }

    /// <summary>A new company's submitted assessment, routed to a new auditor who is the body's only active one.</summary>
    private async Task<(CompanyUser Owner, int AssessmentId, CompanyUser Auditor)> RoutedAsync(string tradeName)
    {
        var bodyId = await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);
        await factory.WithDbAsync(db => db.BodyMemberships.Where(m => m.CertifyingBodyId == bodyId && m.Role == BodyRole.Auditor)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Active, false)));
        var auditor = await factory.AddStaffAsync(bodyId, BodyRole.Auditor);
        var (owner, id) = await factory.SubmittedAssessmentAsync(tradeName);
        await factory.RouteSubmissionAsync(id);
        Assert.Equal(auditor.UserId, (await factory.WithDbAsync(db => db.Reviews.AsNoTracking().SingleAsync(r => r.AssessmentId == id))).AuditorUserId);
        return (owner, id, auditor);
    }

    private async Task<T> ReviewAsync<T>(Func<ReviewService, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ReviewService>());
    }

    private Task<AssessmentState> StateAsync(int id) =>
        factory.WithDbAsync(db => db.Assessments.AsNoTracking().Where(a => a.Id == id).Select(a => a.State).SingleAsync());

    private Task<List<Finding>> FindingsAsync(int id) =>
        factory.WithDbAsync(db => db.Findings.AsNoTracking().Where(f => f.AssessmentId == id).ToListAsync());
}
