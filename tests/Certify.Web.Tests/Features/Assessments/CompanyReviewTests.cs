using System.Globalization;
using System.Net;
using Certify.Domain.Assessments;
using Certify.Domain.Evidence;
using Certify.Domain.Reviews;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Assessments;
using Certify.Web.Features.Reviews;
using Certify.Web.Tests.Features.Reviews;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Certify.Web.Features.Audit;

namespace Certify.Web.Tests.Features.Assessments;

/// <summary>
/// What the company sees and may do after the auditor's decision: changes requested, rejection, corrective actions
/// and the timeline, on capb-demo and the real SQLite database. Like the review service tests, each test deactivates
/// the body's auditors and adds its own, so routing always picks the test's auditor.
/// </summary>
public sealed class CompanyReviewTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private const string PrivateNote = "NOTA-PRIVADA-empresa-9c1e";
    private const string AuditorComment = "Falta la firma del representante";

    private static readonly DateOnly DueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);

    private static int _staff;

    [Fact]
    public async Task GetAsync_ChangesRequested_OnlyUnlockedQuestionIsEditableAndLockedSaveIsRefused()
    {
        var (owner, id, auditor) = await RoutedAsync("Empresa Cambios Vista");
        var codes = (await OpenAsync(id, auditor)).Answers.Keys.Order(StringComparer.Ordinal).Take(2).ToList();
        await RequestChangesAsync(id, auditor, codes[0]);

        var view = await factory.ViewAsync(owner, id);

        Assert.Equal(AssessmentState.ChangesRequested, view.State);
        Assert.Equal([new ChangeRequest(codes[0], "Actualice el documento")], view.ChangeRequests);
        Assert.True(view.IsEditable(codes[0]));
        Assert.False(view.IsEditable(codes[1]));
        var locked = view.Answers[codes[1]];
        Assert.Equal(SaveOutcome.Frozen, (await factory.SaveAsync(owner, id, codes[1], locked.Value!, locked.Version)).Outcome);
        var unlocked = view.Answers[codes[0]];
        Assert.Equal(SaveOutcome.Saved, (await factory.SaveAsync(owner, id, codes[0], unlocked.Value!, unlocked.Version)).Outcome);
    }

    [Fact]
    public async Task DeleteEvidenceAsync_ChangesRequested_DeletesOnlyFilesOfUnlockedQuestions()
    {
        var (owner, id, auditor) = await RoutedAsync("Empresa Cambios Evidencia");
        var review = await OpenAsync(id, auditor);
        var lockedFile = review.Evidence.First();
        var unlockedCode = review.Answers.Keys.Order(StringComparer.Ordinal).First(c => c != lockedFile.QuestionCode);
        await RequestChangesAsync(id, auditor, unlockedCode);
        var upload = await factory.UploadAsync(owner, id, unlockedCode, AssessmentTestData.Pdf("corregida"), "corregida.pdf");
        Assert.Equal(UploadOutcome.Stored, upload.Outcome);

        var lockedDeleted = await DeleteAsync(owner, id, lockedFile.Id);
        var unlockedDeleted = await DeleteAsync(owner, id, upload.File!.Id);

        Assert.False(lockedDeleted);
        Assert.True(unlockedDeleted);
        var left = await factory.WithDbAsync(db => db.EvidenceFiles.AsNoTracking().Where(e => e.AssessmentId == id).Select(e => e.Id).ToListAsync());
        Assert.Contains(lockedFile.Id, left);
        Assert.DoesNotContain(upload.File.Id, left);
    }

    [Fact]
    public async Task Pages_Rejected_ShowTheReasonAndANewAssessmentCanStart()
    {
        const string reason = "Documentacion apocrifa en la seccion de subcontratacion";
        var (owner, id, auditor) = await RoutedAsync("Empresa Rechazada");
        await OpenAsync(id, auditor);
        Assert.Equal(ReviewOutcome.Done, (await ReviewAsync(s => s.RejectAsync(id, reason, auditor.Principal, CancellationToken.None))).Outcome);
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, owner.Email);

        var page = TestData.Text(await client.GetStringAsync($"/empresas/{owner.CompanyId}/evaluaciones/{id}"));
        var list = TestData.Text(await client.GetStringAsync($"/empresas/{owner.CompanyId}/evaluaciones"));

        Assert.Contains(reason, page, StringComparison.Ordinal);
        Assert.Contains("Iniciar una nueva evaluación", page, StringComparison.Ordinal);
        Assert.Contains(reason, list, StringComparison.Ordinal);
        Assert.Contains("Iniciar una nueva evaluación", list, StringComparison.Ordinal);
        var next = await factory.StartAssessmentAsync(owner);
        Assert.NotEqual(id, next);
    }

    [Fact]
    public async Task CorrectiveActions_OtherCompanyUser_Gets404OnThePageTheDownloadAndTheService()
    {
        var (owner, id, findingId, evidenceId) = await ApprovedWithMinorFindingAsync("Empresa Acciones Ajena");
        var outsider = await factory.CreateCompanyAsync("Empresa Intrusa");
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, outsider.Email);

        foreach (var url in new[] { $"/empresas/{owner.CompanyId}/evaluaciones/{id}/acciones", $"/acciones/evidencias/{evidenceId}" })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
            Assert.NotEqual("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        }

        Assert.Null(await ActionsAsync(s => s.GetAsync(owner.CompanyId, id, outsider.Principal, CancellationToken.None)));
        Assert.Equal(ReviewOutcome.NotFound, (await ActionsAsync(s => s.ProposeAsync(outsider.CompanyId, id, findingId, "Accion", outsider.Principal, CancellationToken.None))).Outcome);
        Assert.Null(await ActionsAsync(s => s.OpenFileAsync(evidenceId, outsider.Principal, CancellationToken.None)));
    }

    [Fact]
    public async Task OpenFileAsync_CompanyMemberAndBodyStaff_GetTheFileButStaffOfAnotherBodyDoesNot()
    {
        var (owner, _, _, evidenceId) = await ApprovedWithMinorFindingAsync("Empresa Acciones Descarga");
        var programAdmin = await factory.AddStaffAsync(await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug), BodyRole.ProgramAdmin);
        var otherBody = await factory.CreateBodyAsync($"otro-{Interlocked.Increment(ref _staff)}", "Otro organismo");
        var stranger = await factory.AddStaffAsync(otherBody, BodyRole.Auditor);
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, owner.Email);

        using var download = await client.GetAsync($"/acciones/evidencias/{evidenceId}");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(AssessmentTestData.Pdf("accion"), await download.Content.ReadAsByteArrayAsync());
        PrivateDownloadAssert.NotStored(download);
        var staffFile = await ActionsAsync(s => s.OpenFileAsync(evidenceId, programAdmin.Principal, CancellationToken.None));
        Assert.NotNull(staffFile);
        await staffFile.Value.Content.DisposeAsync();
        Assert.Null(await ActionsAsync(s => s.OpenFileAsync(evidenceId, stranger.Principal, CancellationToken.None)));
    }

    [Fact]
    public async Task CompanyPages_FindingWithPrivateNote_ShowTheCommentButNeverTheNote()
    {
        var (owner, id, _, _) = await ApprovedWithMinorFindingAsync("Empresa Nota Privada");
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, owner.Email);

        var actions = await client.GetStringAsync($"/empresas/{owner.CompanyId}/evaluaciones/{id}/acciones");
        var assessment = await client.GetStringAsync($"/empresas/{owner.CompanyId}/evaluaciones/{id}");
        var list = await client.GetStringAsync($"/empresas/{owner.CompanyId}/evaluaciones");

        Assert.Contains(AuditorComment, TestData.Text(actions), StringComparison.Ordinal);
        Assert.Contains($"evaluaciones/{id}/acciones", assessment, StringComparison.Ordinal);
        Assert.Contains($"evaluaciones/{id}/acciones", list, StringComparison.Ordinal);
        Assert.All(new[] { actions, assessment, list }, html => Assert.DoesNotContain(PrivateNote, html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProposeAsync_OwnFinding_RecordsTheActionAndTheTimelineShowsIt()
    {
        var (owner, id, findingId, _) = await ApprovedWithMinorFindingAsync("Empresa Propone");

        var empty = await ActionsAsync(s => s.ProposeAsync(owner.CompanyId, id, findingId, " ", owner.Principal, CancellationToken.None));
        var proposed = await ActionsAsync(s => s.ProposeAsync(owner.CompanyId, id, findingId, "Se recabaron las firmas", owner.Principal, CancellationToken.None));

        Assert.Equal(ReviewOutcome.Invalid, empty.Outcome);
        Assert.Equal(ReviewOutcome.Done, proposed.Outcome);
        var item = Assert.Single((await ActionsAsync(s => s.GetAsync(owner.CompanyId, id, owner.Principal, CancellationToken.None)))!.Items);
        Assert.Equal((FindingStatus.ActionProposed, "Se recabaron las firmas"), (item.Finding.Status, item.Finding.CorrectiveAction));
        Assert.Single(item.Files);
        var timeline = await TimelineAsync(id, TimelineAudience.Company, owner);
        Assert.Equal("finding.action-proposed", timeline![^1].Action);
    }

    [Fact]
    public async Task UploadAsync_ContentIsNotAnAllowedType_IsRejectedAndStoresNothing()
    {
        var (owner, id, findingId, _) = await ApprovedWithMinorFindingAsync("Empresa Archivo Malo");
        var filesBefore = factory.StoredFiles();
        var rowsBefore = await factory.WithDbAsync(db => db.CorrectiveEvidence.CountAsync(e => e.FindingId == findingId));

        var result = await UploadCorrectiveAsync(owner, id, findingId, [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00], "plan.pdf");

        Assert.Equal(new UploadResult(UploadOutcome.Rejected, EvidenceRejection.TypeNotAllowed), result);
        Assert.Equal(rowsBefore, await factory.WithDbAsync(db => db.CorrectiveEvidence.CountAsync(e => e.FindingId == findingId)));
        Assert.Equal(filesBefore, factory.StoredFiles());
    }

    [Fact]
    public async Task ListAsync_Timeline_ListsTransitionsInOrderAndHidesVerdictsAndDetailsFromTheCompany()
    {
        var (owner, id, auditor) = await RoutedAsync("Empresa Historial");
        var code = (await OpenAsync(id, auditor)).Answers.Keys.Order(StringComparer.Ordinal).First();
        Assert.Equal(ReviewOutcome.Done, (await ReviewAsync(s => s.RecordVerdictAsync(
            id, code, FindingSeverity.Minor, AuditorComment, PrivateNote, DueOn, auditor.Principal, CancellationToken.None))).Outcome);
        await RequestChangesAsync(id, auditor, code);
        var outsider = await factory.CreateCompanyAsync("Empresa Historial Ajena");

        CultureInfo.CurrentUICulture = new CultureInfo("es-MX");
        var company = await TimelineAsync(id, TimelineAudience.Company, owner);
        var staff = await TimelineAsync(id, TimelineAudience.Staff, auditor);

        Assert.Equal(
            ["assessment.started", "assessment.submitted", "assessment.review-started", "assessment.changes-requested"],
            company!.Select(e => e.Action));
        Assert.All(company!, e => Assert.Empty(e.Fields));
        Assert.All(company!, e => Assert.Null(e.Details));
        Assert.Equal("Se envió la evaluación a revisión (envío 1)", company![1].Text);
        Assert.Equal(owner.Email.Split('@')[0], company![0].Actor);
        Assert.Equal(auditor.Email.Split('@')[0], company[2].Actor);
        Assert.Equal(
            ["assessment.started", "assessment.submitted", "assessment.review-started", "finding.recorded", "assessment.changes-requested"],
            staff!.Select(e => e.Action));
        Assert.NotEmpty(staff![3].Fields);
        Assert.Null(staff[3].Details);
        Assert.Null(await TimelineAsync(id, TimelineAudience.Company, outsider));
        Assert.Null(await TimelineAsync(id, TimelineAudience.Staff, owner));
    }

    /// <summary>
    /// A submission approved with one minor finding (comment for the company, private note for the body) on a scored
    /// question, and one corrective-action PDF attached by the owner.
    /// </summary>
    private async Task<(CompanyUser Owner, int AssessmentId, long FindingId, long EvidenceId)> ApprovedWithMinorFindingAsync(string tradeName)
    {
        var (owner, id, auditor) = await RoutedAsync(tradeName);
        var review = await OpenAsync(id, auditor);
        var code = review.Answers.Keys.Order(StringComparer.Ordinal).First(c => review.Definition.FindQuestion(c)!.Scored);
        Assert.Equal(ReviewOutcome.Done, (await ReviewAsync(s => s.RecordVerdictAsync(
            id, code, FindingSeverity.Minor, AuditorComment, PrivateNote, DueOn, auditor.Principal, CancellationToken.None))).Outcome);
        Assert.Equal(ReviewResult.Done, await ReviewAsync(s => s.MarkRemainingConformityAsync(id, auditor.Principal, CancellationToken.None)));
        Assert.Equal(ReviewOutcome.Done, (await ReviewAsync(s => s.ApproveAsync(id, auditor.Principal, CancellationToken.None))).Outcome);
        var findingId = await factory.WithDbAsync(db => db.Findings.Where(f => f.AssessmentId == id && f.QuestionCode == code).Select(f => f.Id).SingleAsync());
        var upload = await UploadCorrectiveAsync(owner, id, findingId, AssessmentTestData.Pdf("accion"), "accion.pdf");
        Assert.Equal(UploadOutcome.Stored, upload.Outcome);
        return (owner, id, findingId, upload.File!.Id);
    }

    private Task<UploadResult> UploadCorrectiveAsync(CompanyUser owner, int id, long findingId, byte[] content, string fileName) =>
        ActionsAsync(async s =>
        {
            await using var stream = new MemoryStream(content);
            return await s.UploadAsync(owner.CompanyId, id, findingId, stream, fileName, owner.Principal, CancellationToken.None);
        });

    private async Task RequestChangesAsync(int id, CompanyUser auditor, string code) =>
        Assert.Equal(ReviewOutcome.Done, (await ReviewAsync(s => s.RequestChangesAsync(id, [(code, "Actualice el documento")], auditor.Principal, CancellationToken.None))).Outcome);

    private Task<bool> DeleteAsync(CompanyUser owner, int id, long evidenceId) =>
        factory.WithServiceAsync(s => s.DeleteEvidenceAsync(owner.CompanyId, id, evidenceId, owner.Principal, CancellationToken.None));

    private async Task<ReviewView> OpenAsync(int id, CompanyUser auditor)
    {
        var opened = await ReviewAsync(s => s.OpenAsync(id, auditor.Principal, CancellationToken.None));
        Assert.Equal(ReviewOutcome.Done, opened.Outcome);
        return opened.View!;
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

        return (owner, id, auditor);
    }

    private Task<IReadOnlyList<TimelineEntry>?> TimelineAsync(int id, TimelineAudience audience, CompanyUser user) =>
        WithAsync<AssessmentTimelineService, IReadOnlyList<TimelineEntry>?>(s => s.ListAsync(id, audience, user.Principal, CancellationToken.None));

    private Task<T> ReviewAsync<T>(Func<ReviewService, Task<T>> action) => WithAsync(action);

    private Task<T> ActionsAsync<T>(Func<CorrectiveActionService, Task<T>> action) => WithAsync(action);

    private async Task<T> WithAsync<TService, T>(Func<TService, Task<T>> action)
        where TService : notnull
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
