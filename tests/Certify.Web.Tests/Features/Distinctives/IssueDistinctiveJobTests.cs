using System.Security.Cryptography;
using System.Text;
using Certify.Domain.Assessments;
using Certify.Domain.Distinctives;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Distinctives;
using Certify.Web.Features.Notifications;
using Certify.Web.Features.Reviews;
using Certify.Web.Infrastructure.Files;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Features.Reviews;
using Certify.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Certify.Web.Features.Shared;

namespace Certify.Web.Tests.Features.Distinctives;

/// <summary>Issuance on the real SQLite database: once per assessment, whatever runs it and however often.</summary>
public sealed class IssueDistinctiveJobTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task RunAsync_Twice_IssuesOneDistinctiveAndTellsTheCompanyOnce()
    {
        var (owner, id) = await factory.ApprovedAsync("Emisión Doble", level: "C");
        var renderer = new RecordingCertificateRenderer();

        await factory.IssueAsync(id, renderer);
        await factory.IssueAsync(id, renderer);

        var distinctive = Assert.Single(await factory.DistinctivesAsync(id));
        Assert.Single(renderer.Rendered);
        Assert.Equal(AssessmentState.Issued, await StateAsync(id));
        Assert.Matches(@"^DRL-AUTO-\d{4}-\d{5}$", distinctive.Number);
        Assert.True(VerificationCode.TryParse(distinctive.VerificationCode, out _));
        Assert.Equal(("C", owner.CompanyId), (distinctive.LevelCode, distinctive.CompanyId));
        Assert.Equal(DistinctiveFacts.FirstDay(distinctive.ValidFrom).AddMonths(12), DistinctiveFacts.LastDay(distinctive.ValidUntil).AddDays(1));
        Assert.InRange(distinctive.StatusListIndex, 0, BitstringStatusList.MinimumLength - 1);
        Assert.Contains("SUB", distinctive.Topics.Split(','));

        await using (var pdf = await factory.Services.GetRequiredService<IFileStore>().OpenReadAsync(distinctive.PdfStorageKey!, CancellationToken.None))
        {
            using var copy = new MemoryStream();
            await pdf.CopyToAsync(copy);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(copy.ToArray())), distinctive.PdfSha256);
            Assert.Contains(distinctive.Number, Encoding.ASCII.GetString(copy.ToArray()), StringComparison.Ordinal);
        }

        var content = Assert.Single(renderer.Rendered);
        Assert.Equal(distinctive.CredentialJwt, content.CredentialJwt);
        Assert.EndsWith($"/verificar/{DistinctiveFacts.Code(distinctive.VerificationCode).Format()}", content.VerifyUrl, StringComparison.Ordinal);
        var notification = Assert.Single(await factory.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == owner.UserId).ToListAsync()));
        Assert.Equal((nameof(NotificationKind.DistinctiveIssued), DistinctivePaths.Company(owner.CompanyId), IssueDistinctiveJob.NotificationDedupeKey(distinctive.Id)),
            (notification.Kind, notification.Url, notification.DedupeKey));
        Assert.Single(await factory.WithDbAsync(db => db.OutboundEmails.AsNoTracking().Where(e => e.To == owner.Email).ToListAsync()));
        Assert.Single(await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == "distinctive.issued" && e.EntityId == id.ToString()).ToListAsync()));
    }

    [Fact]
    public async Task RunAsync_AfterTheRegistryWasSearched_TheNextSearchFindsTheNewDistinctive()
    {
        const string name = "Emisión Registrada";
        var (_, id) = await factory.ApprovedAsync(name);
        Assert.Equal(0, (await SearchRegistryAsync(name)).Total);

        await factory.IssueAsync(id);

        var found = await SearchRegistryAsync(name);
        Assert.Equal(1, found.Total);
        Assert.Equal((await factory.DistinctivesAsync(id))[0].Number, Assert.Single(found.Rows).Number);
    }

    [Fact]
    public async Task RunAsync_Concurrently_IssuesOnce()
    {
        var (owner, id) = await factory.ApprovedAsync("Emisión Concurrente");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => factory.IssueAsync(id))));

        var distinctive = Assert.Single(await factory.DistinctivesAsync(id));
        Assert.NotNull(distinctive.PdfStorageKey);
        Assert.Equal(AssessmentState.Issued, await StateAsync(id));
        Assert.Single(await factory.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == owner.UserId).ToListAsync()));
    }

    [Fact]
    public async Task RunAsync_ApprovedWithoutLevel_IssuesNothing()
    {
        var (_, id) = await factory.ApprovedAsync("Emisión Sin Nivel", level: null);

        await factory.IssueAsync(id);

        Assert.Empty(await factory.DistinctivesAsync(id));
        Assert.Equal(AssessmentState.Approved, await StateAsync(id));
    }

    [Fact]
    public async Task RunAsync_NotApproved_IssuesNothing()
    {
        var (owner, _) = await factory.ApprovedAsync("Emisión Borrador");
        var draft = await factory.StartAssessmentAsync(owner);

        await factory.IssueAsync(draft);

        Assert.Empty(await factory.DistinctivesAsync(draft));
        Assert.Equal(AssessmentState.Draft, await StateAsync(draft));
    }

    [Fact]
    public async Task RunAsync_PdfStepFails_DistinctiveStaysAndTheRerunRendersOnlyThePdf()
    {
        var (owner, id) = await factory.ApprovedAsync("Emisión PDF Fallido");

        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.IssueAsync(id, new RecordingCertificateRenderer(fail: true)));

        var issued = Assert.Single(await factory.DistinctivesAsync(id));
        Assert.Null(issued.PdfStorageKey);
        Assert.Equal(AssessmentState.Issued, await StateAsync(id));
        Assert.Empty(await factory.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == owner.UserId).ToListAsync()));

        var renderer = new RecordingCertificateRenderer();
        await factory.IssueAsync(id, renderer);

        var completed = Assert.Single(await factory.DistinctivesAsync(id));
        Assert.Equal((issued.Id, issued.Number, issued.VerificationCode, issued.CredentialJwt), (completed.Id, completed.Number, completed.VerificationCode, completed.CredentialJwt));
        Assert.NotNull(completed.PdfStorageKey);
        Assert.Equal(issued.Number, Assert.Single(renderer.Rendered).Number);
        Assert.Single(await factory.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == owner.UserId).ToListAsync()));
    }

    [Fact]
    public async Task RunAsync_TwoAssessments_GetConsecutiveNumbersAndDistinctCodesAndSlots()
    {
        var (_, first) = await factory.ApprovedAsync("Emisión Numeración Uno");
        var (_, second) = await factory.ApprovedAsync("Emisión Numeración Dos");

        await factory.IssueAsync(first);
        await factory.IssueAsync(second);

        var a = DistinctiveNumber.Parse(Assert.Single(await factory.DistinctivesAsync(first)).Number);
        var b = Assert.Single(await factory.DistinctivesAsync(second));
        Assert.Equal(a.Sequence + 1, DistinctiveNumber.Parse(b.Number).Sequence);
        Assert.NotEqual(Assert.Single(await factory.DistinctivesAsync(first)).VerificationCode, b.VerificationCode);
    }

    [Fact]
    public async Task ReconcileJob_ApprovedWithoutDistinctiveAfterTheGrace_EnqueuesIssuance()
    {
        var (_, stuck) = await factory.ApprovedAsync("Emisión Perdida", decidedAt: DateTimeOffset.UtcNow.AddMinutes(-10));
        var (_, recent) = await factory.ApprovedAsync("Emisión Reciente");
        var (_, noLevel) = await factory.ApprovedAsync("Emisión Perdida Sin Nivel", level: null, decidedAt: DateTimeOffset.UtcNow.AddMinutes(-10));

        var enqueued = await ReconcileAsync();

        Assert.Contains(stuck, enqueued);
        Assert.DoesNotContain(recent, enqueued);
        Assert.DoesNotContain(noLevel, enqueued);

        await factory.IssueAsync(stuck);

        Assert.DoesNotContain(stuck, await ReconcileAsync());
    }

    [Fact]
    public async Task ApproveAsync_ApprovalTakesEffect_EnqueuesIssuanceForTheAssessment()
    {
        var bodyId = await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);
        await factory.WithDbAsync(db => db.BodyMemberships.Where(m => m.CertifyingBodyId == bodyId && m.Role == BodyRole.Auditor)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Active, false)));
        var auditorEmail = "auditor@distinctives.example";
        var auditor = new CompanyUser(0, await factory.CreateUserAsync(auditorEmail), auditorEmail);
        await factory.AddBodyMembershipAsync(bodyId, auditor.UserId, BodyRole.Auditor);
        var (_, id) = await factory.SubmittedAssessmentAsync("Emisión Aprobada");
        await factory.RouteSubmissionAsync(id);

        var jobs = new RecordingJobClient();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var reviews = ActivatorUtilities.CreateInstance<ReviewService>(scope.ServiceProvider, (IBackgroundJobClient)jobs);
            Assert.Equal(ReviewOutcome.Done, (await reviews.OpenAsync(id, auditor.Principal, CancellationToken.None)).Outcome);
            Assert.Equal(ReviewResult.Done, await reviews.MarkRemainingConformityAsync(id, auditor.Principal, CancellationToken.None));
            Assert.Equal(ReviewResult.Done, await reviews.ApproveAsync(id, auditor.Principal, CancellationToken.None));
        }

        var issue = Assert.Single(jobs.Created, j => j.Type == typeof(IssueDistinctiveJob));
        Assert.Equal(id, issue.Args[0]);

        await factory.IssueAsync(id);
        Assert.Equal(AssessmentState.Issued, await StateAsync(id));
    }

    private async Task<IReadOnlyList<int>> ReconcileAsync()
    {
        var jobs = new RecordingJobClient();
        await using var scope = factory.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<DistinctiveReconcileJob>(scope.ServiceProvider, (IBackgroundJobClient)jobs).RunAsync(CancellationToken.None);
        Assert.All(jobs.Created, j => Assert.Equal(typeof(IssueDistinctiveJob), j.Type));
        return jobs.Created.Select(j => (int)j.Args[0]).ToList();
    }

    private Task<AssessmentState> StateAsync(int id) =>
        factory.WithDbAsync(db => db.Assessments.AsNoTracking().Where(a => a.Id == id).Select(a => a.State).SingleAsync());

    private async Task<RegistryResult> SearchRegistryAsync(string text)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryService>().SearchAsync(new RegistryFilter(Query: text), CancellationToken.None);
    }
}
