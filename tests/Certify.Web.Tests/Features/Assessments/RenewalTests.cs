using System.Net;
using Certify.Domain.Assessments;
using Certify.Domain.Questionnaires;
using Certify.Web.Features.Assessments;
using Certify.Web.Tests.Features.Distinctives;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Certify.Web.Features.Shared;

namespace Certify.Web.Tests.Features.Assessments;

/// <summary>Renewal: a draft pre-filled from an issued assessment, with every evidence file copied and waiting to be confirmed.</summary>
public sealed class RenewalTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task Renew_Issued_PrefillsAnswersAndCopiesEachFileToBeConfirmed()
    {
        var (owner, issuedId) = await factory.IssuedWithAnswersAsync("Renueva Completa");
        var before = await factory.ViewAsync(owner, issuedId);

        var result = await factory.WithServiceAsync(s => s.RenewAsync(owner.CompanyId, issuedId, owner.Principal, CancellationToken.None));

        Assert.Equal(RenewOutcome.Started, result.Outcome);
        var renewal = await factory.ViewAsync(owner, result.AssessmentId!.Value);
        Assert.Equal(AssessmentState.Draft, renewal.State);
        Assert.Equal(issuedId, renewal.Renews?.AssessmentId);
        Assert.Equal((await factory.DistinctivesAsync(issuedId)).Single().Number, renewal.Renews?.DistinctiveNumber);
        Assert.Equal(
            before.Answers.Values.OrderBy(a => a.QuestionCode).Select(a => (a.QuestionCode, AnswerJson.Serialize(a.Value))),
            renewal.Answers.Values.OrderBy(a => a.QuestionCode).Select(a => (a.QuestionCode, AnswerJson.Serialize(a.Value))));
        Assert.NotEmpty(before.Evidence);
        Assert.Equal(
            before.Evidence.Select(e => (e.QuestionCode, e.FileName, e.Sha256, e.Size)),
            renewal.Evidence.Select(e => (e.QuestionCode, e.FileName, e.Sha256, e.Size)));
        Assert.All(renewal.Evidence, e => Assert.True(e.PendingConfirmation));
        Assert.All(before.Evidence, e => Assert.False(e.PendingConfirmation));
        var keys = await factory.WithDbAsync(db => db.EvidenceFiles.Where(e => e.AssessmentId == issuedId || e.AssessmentId == renewal.Id)
            .Select(e => e.StorageKey).ToListAsync());
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task Submit_RenewalWithUnconfirmedFiles_ListsThemUntilEachIsConfirmedOrRemoved()
    {
        var (owner, issuedId) = await factory.IssuedWithAnswersAsync("Renueva Confirma");
        var renewalId = await RenewAsync(owner, issuedId);
        var files = (await factory.ViewAsync(owner, renewalId)).Evidence;

        var refused = await SubmitAsync(owner, renewalId);

        Assert.Equal(SubmitOutcome.Incomplete, refused.Outcome);
        Assert.Equal(
            files.Select(f => f.QuestionCode).Distinct().Order(StringComparer.Ordinal),
            refused.Missing.Where(m => m.Kind == MissingKind.EvidenceToConfirm).Select(m => m.QuestionCode).Order(StringComparer.Ordinal));

        var filesBefore = factory.StoredFiles();
        Assert.True(await factory.WithServiceAsync(s => s.DeleteEvidenceAsync(owner.CompanyId, renewalId, files[0].Id, owner.Principal, CancellationToken.None)));
        Assert.Equal(filesBefore.Count - 1, factory.StoredFiles().Count);
        Assert.Equal(
            files.Count(f => f.QuestionCode == files[0].QuestionCode),
            (await factory.ViewAsync(owner, issuedId)).Evidence.Count(f => f.QuestionCode == files[0].QuestionCode));
        var upload = await factory.UploadAsync(owner, renewalId, files[0].QuestionCode, AssessmentTestData.Pdf("nuevo"), "nuevo.pdf");
        Assert.Equal(UploadOutcome.Stored, upload.Outcome);
        Assert.False(upload.File!.PendingConfirmation);
        foreach (var file in files.Skip(1))
        {
            Assert.True(await ConfirmAsync(owner, renewalId, file.Id));
            Assert.True(await ConfirmAsync(owner, renewalId, file.Id));
        }

        Assert.Equal(SubmitOutcome.Submitted, (await SubmitAsync(owner, renewalId)).Outcome);
        Assert.False(await ConfirmAsync(owner, renewalId, files[1].Id));
        var confirmations = await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "evidence.confirmed" && e.CompanyId == owner.CompanyId));
        Assert.Equal(files.Count - 1, confirmations);
    }

    [Fact]
    public async Task Renew_Twice_ReturnsTheOpenRenewalAndAfterIssueNotAgain()
    {
        var (owner, issuedId) = await factory.IssuedWithAnswersAsync("Renueva Dos Veces");
        var first = await RenewAsync(owner, issuedId);

        var second = await factory.WithServiceAsync(s => s.RenewAsync(owner.CompanyId, issuedId, owner.Principal, CancellationToken.None));

        Assert.Equal(new RenewResult(RenewOutcome.AlreadyOpen, first), second);
        Assert.Equal(2, await factory.WithDbAsync(db => db.Assessments.CountAsync(a => a.CompanyId == owner.CompanyId)));

        await factory.WithDbAsync(async db =>
        {
            var renewal = await db.Assessments.SingleAsync(a => a.Id == first);
            renewal.State = AssessmentState.Issued;
            renewal.OpenSlot = null;
            return await db.SaveChangesAsync();
        });
        var afterIssue = await factory.WithServiceAsync(s => s.RenewAsync(owner.CompanyId, issuedId, owner.Principal, CancellationToken.None));
        Assert.Equal(RenewOutcome.NotRenewable, afterIssue.Outcome);
    }

    [Fact]
    public async Task Renew_RevokedOrNotIssued_NotRenewable()
    {
        var (owner, issuedId) = await factory.IssuedWithAnswersAsync("Renueva Revocado");
        await factory.WithDbAsync(db => db.Distinctives.Where(d => d.AssessmentId == issuedId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.RevokedAt, DateTimeOffset.UtcNow)));
        var (draftOwner, draftId) = await factory.SubmittedAssessmentAsync("Renueva Borrador", submit: false);

        var revoked = await factory.WithServiceAsync(s => s.RenewAsync(owner.CompanyId, issuedId, owner.Principal, CancellationToken.None));
        var draft = await factory.WithServiceAsync(s => s.RenewAsync(draftOwner.CompanyId, draftId, draftOwner.Principal, CancellationToken.None));

        Assert.Equal(RenewOutcome.NotRenewable, revoked.Outcome);
        Assert.Equal(new RenewResult(RenewOutcome.AlreadyOpen, draftId), draft);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Assessments.CountAsync(a => a.CompanyId == owner.CompanyId)));
    }

    [Fact]
    public async Task RenewAndConfirm_OtherCompany_NotFoundAndNothingChanges()
    {
        var (owner, issuedId) = await factory.IssuedWithAnswersAsync("Renueva Ajena");
        var renewalId = await RenewAsync(owner, issuedId);
        var file = (await factory.ViewAsync(owner, renewalId)).Evidence[0];
        var stranger = await factory.CreateCompanyAsync("Renueva Extraña");

        var renew = await factory.WithServiceAsync(s => s.RenewAsync(owner.CompanyId, issuedId, stranger.Principal, CancellationToken.None));
        var renewOwnCompany = await factory.WithServiceAsync(s => s.RenewAsync(stranger.CompanyId, issuedId, stranger.Principal, CancellationToken.None));
        var confirm = await factory.WithServiceAsync(s => s.ConfirmEvidenceAsync(owner.CompanyId, renewalId, file.Id, stranger.Principal, CancellationToken.None));
        var confirmOwnCompany = await factory.WithServiceAsync(s => s.ConfirmEvidenceAsync(stranger.CompanyId, renewalId, file.Id, stranger.Principal, CancellationToken.None));

        Assert.Equal(RenewOutcome.NotFound, renew.Outcome);
        Assert.Equal(RenewOutcome.NotFound, renewOwnCompany.Outcome);
        Assert.False(confirm);
        Assert.False(confirmOwnCompany);
        Assert.True((await factory.ViewAsync(owner, renewalId)).Evidence[0].PendingConfirmation);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Assessments.CountAsync(a => a.CompanyId == stranger.CompanyId)));
    }

    [Fact]
    public async Task Renew_FileMissingFromTheStore_LeavesNoDraftAndNoCopies()
    {
        var (owner, issuedId) = await factory.IssuedWithAnswersAsync("Renueva Sin Archivo");
        var keys = await factory.WithDbAsync(db => db.EvidenceFiles.Where(e => e.AssessmentId == issuedId).OrderBy(e => e.Id).Select(e => e.StorageKey).ToListAsync());
        Assert.True(keys.Count >= 2);
        File.Delete(Path.Combine(factory.FilesRoot(), keys[^1]));
        var filesBefore = factory.StoredFiles();

        await Assert.ThrowsAsync<FileNotFoundException>(() =>
            factory.WithServiceAsync(s => s.RenewAsync(owner.CompanyId, issuedId, owner.Principal, CancellationToken.None)));

        Assert.Equal(filesBefore, factory.StoredFiles());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Assessments.CountAsync(a => a.CompanyId == owner.CompanyId)));
    }

    [Fact]
    public async Task MyDistinctivesPage_RenewButton_StartsTheRenewalAndThenLinksToIt()
    {
        var (owner, issuedId) = await factory.IssuedWithAnswersAsync("Renueva Página");
        var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, owner.Email);
        var page = DistinctivePaths.Company(owner.CompanyId);

        using var form = await client.GetAsync(page);
        var html = CertifyWebFactory.Parse(await form.Content.ReadAsStringAsync());
        Assert.Equal(issuedId.ToString(), html.QuerySelector(".renew-button")!.GetAttribute("value"));

        using var posted = await CertifyWebFactory.PostFormAsync(client, page, "renew", new Dictionary<string, string> { ["RenewAssessmentId"] = issuedId.ToString() });

        var renewalId = await factory.WithDbAsync(db => db.Assessments.Where(a => a.RenewsAssessmentId == issuedId).Select(a => a.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.EndsWith(AssessmentPaths.Questionnaire(owner.CompanyId, renewalId), posted.Headers.Location?.OriginalString, StringComparison.Ordinal);
        using var after = await client.GetAsync(page);
        var link = CertifyWebFactory.Parse(await after.Content.ReadAsStringAsync()).QuerySelector(".open-renewal");
        Assert.Equal(AssessmentPaths.Questionnaire(owner.CompanyId, renewalId), link?.GetAttribute("href"));
    }

    /// <summary>A complete, compliant assessment with evidence on several questions, approved with level A and issued.</summary>
    private async Task<int> RenewAsync(CompanyUser owner, int issuedId)
    {
        var result = await factory.WithServiceAsync(s => s.RenewAsync(owner.CompanyId, issuedId, owner.Principal, CancellationToken.None));
        Assert.Equal(RenewOutcome.Started, result.Outcome);
        return result.AssessmentId!.Value;
    }

    private Task<SubmitResult> SubmitAsync(CompanyUser owner, int assessmentId) =>
        factory.WithServiceAsync(s => s.SubmitAsync(owner.CompanyId, assessmentId, owner.Principal, CancellationToken.None));

    private Task<bool> ConfirmAsync(CompanyUser owner, int assessmentId, long evidenceId) =>
        factory.WithServiceAsync(s => s.ConfirmEvidenceAsync(owner.CompanyId, assessmentId, evidenceId, owner.Principal, CancellationToken.None));
}
