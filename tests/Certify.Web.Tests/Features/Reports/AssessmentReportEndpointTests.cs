using System.Globalization;
using System.Net;
using System.Text;
using Certify.Domain.Reviews;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Assessments;
using Certify.Web.Features.Reports;
using Certify.Web.Features.Reviews;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Features.Reviews;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Certify.Web.Features.Shared;

namespace Certify.Web.Tests.Features.Reports;

/// <summary>
/// The assessment report over HTTP on the real SQLite database: an approved submission with one minor finding that
/// carries a private note, downloaded by its company, by the body's staff, and refused to everyone else. Like the
/// review tests, the class deactivates the demo body's auditors and adds its own, so routing picks the test's auditor.
/// </summary>
public sealed class AssessmentReportEndpointTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private const string PrivateNote = "NOTA-PRIVADA-reporte-5d2a";
    private const string AuditorComment = "Falta la firma del representante legal";
    private const string CompanyComment = "Contrato vigente con el proveedor de limpieza";

    private static int _staff;

    [Fact]
    public async Task Get_Owner_DownloadsThePdfWithTheCompanysViewOfTheAssessment()
    {
        var (owner, id, code) = await ApprovedWithMinorFindingAsync("Empresa Reporte Contenido");
        var facts = await factory.WithDbAsync(async db => new
        {
            Company = await db.Companies.Where(c => c.Id == owner.CompanyId).Select(c => new { c.LegalName, c.Rfc }).SingleAsync(),
            Sha = await db.EvidenceFiles.Where(e => e.AssessmentId == id).OrderBy(e => e.Id).Select(e => e.Sha256).FirstAsync(),
        });
        var view = await factory.ViewAsync(owner, id);
        var question = view.Definition.FindQuestion(code)!;
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, owner.Email);

        using var response = await client.GetAsync(ReportEndpoints.AssessmentReport(owner.CompanyId, id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"certify-reporte-{id}.pdf", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        PrivateDownloadAssert.NotStored(response);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
        var text = AssessmentReportRendererTests.Text(bytes);
        Assert.Contains(facts.Company.LegalName, text);
        Assert.Contains(facts.Company.Rfc, text);
        Assert.Contains(question.Text.Es, text);
        Assert.Contains(AnswerDisplay.Label(question, view.Answers[code].Value, CultureInfo.GetCultureInfo("es-MX")), text);
        Assert.Contains(CompanyComment, text);
        Assert.Contains(facts.Sha, text);
        Assert.Contains(AuditorComment, text);
        Assert.Contains("No conformidad menor", text);
        Assert.DoesNotContain(PrivateNote, text);
        Assert.DoesNotContain(PrivateNote, Encoding.Latin1.GetString(bytes));
    }

    [Fact]
    public async Task Get_BodyStaff_GetsTheReportButStaffOfAnotherBodyDoesNot()
    {
        var (owner, id, _) = await ApprovedWithMinorFindingAsync("Empresa Reporte Organismo");
        var programAdmin = await factory.AddStaffAsync(await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug), BodyRole.ProgramAdmin);
        var stranger = await factory.AddStaffAsync(await factory.CreateBodyAsync($"reporte-{Interlocked.Increment(ref _staff)}", "Otro organismo"), BodyRole.Auditor);

        var staffReport = await ReportAsync(s => s.BuildAsync(owner.CompanyId, id, programAdmin.Principal, CancellationToken.None));
        var strangerReport = await ReportAsync(s => s.BuildAsync(owner.CompanyId, id, stranger.Principal, CancellationToken.None));

        Assert.NotNull(staffReport);
        Assert.Contains(staffReport.Findings, f => f.Comment == AuditorComment);
        Assert.Null(strangerReport);
    }

    [Fact]
    public async Task Get_OtherCompanyUser_Gets404WithTheOwnerIdAndWithItsOwn()
    {
        var (owner, id, _) = await ApprovedWithMinorFindingAsync("Empresa Reporte Ajena");
        var outsider = await factory.CreateCompanyAsync("Empresa Reporte Intrusa");
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, outsider.Email);

        foreach (var companyId in new[] { owner.CompanyId, outsider.CompanyId })
        {
            using var response = await client.GetAsync(ReportEndpoints.AssessmentReport(companyId, id));

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.NotEqual("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.DoesNotContain("Empresa Reporte Ajena", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Get_Anonymous_RedirectsToLogin()
    {
        var (owner, id) = await factory.SubmittedAssessmentAsync("Empresa Reporte Anonimo", submit: false);
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(ReportEndpoints.AssessmentReport(owner.CompanyId, id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Get_Draft_HasNoFindingsOrAuditorScoreYet()
    {
        var (owner, id) = await factory.SubmittedAssessmentAsync("Empresa Reporte Borrador", submit: false);

        var report = await ReportAsync(s => s.BuildAsync(owner.CompanyId, id, owner.Principal, CancellationToken.None));

        Assert.NotNull(report);
        Assert.Equal("Borrador", report.State.Es);
        Assert.Empty(report.Findings);
        Assert.Null(report.AuditorScore);
        Assert.Null(report.SubmittedAt);
        Assert.Equal(100m, report.SelfScore);
        Assert.All(report.Scores, s => Assert.Null(s.Auditor));
    }

    /// <summary>
    /// A submission approved with one minor finding (comment for the company, private note for the body) on a scored
    /// question that the company commented on; returns that question's code.
    /// </summary>
    private async Task<(CompanyUser Owner, int AssessmentId, string Code)> ApprovedWithMinorFindingAsync(string tradeName)
    {
        var bodyId = await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);
        await factory.WithDbAsync(db => db.BodyMemberships.Where(m => m.CertifyingBodyId == bodyId && m.Role == BodyRole.Auditor)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Active, false)));
        var auditor = await factory.AddStaffAsync(bodyId, BodyRole.Auditor);
        var (owner, id) = await factory.SubmittedAssessmentAsync(tradeName, submit: false);
        var view = await factory.ViewAsync(owner, id);
        var code = view.Evidence.Select(e => e.QuestionCode).First(c => view.Definition.FindQuestion(c)!.Scored);
        var saved = view.Answers[code];
        Assert.Equal(SaveOutcome.Saved, (await factory.WithServiceAsync(s => s.SaveAnswerAsync(
            owner.CompanyId, id, code, saved.Value, CompanyComment, saved.Version, owner.Principal, CancellationToken.None))).Outcome);
        Assert.Equal(SubmitOutcome.Submitted, (await factory.WithServiceAsync(s => s.SubmitAsync(owner.CompanyId, id, owner.Principal, CancellationToken.None))).Outcome);
        await factory.RouteSubmissionAsync(id);

        Assert.Equal(ReviewOutcome.Done, (await ReviewAsync(s => s.OpenAsync(id, auditor.Principal, CancellationToken.None))).Outcome);
        Assert.Equal(ReviewOutcome.Done, (await ReviewAsync(s => s.RecordVerdictAsync(
            id, code, FindingSeverity.Minor, AuditorComment, PrivateNote, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), auditor.Principal, CancellationToken.None))).Outcome);
        Assert.Equal(ReviewResult.Done, await ReviewAsync(s => s.MarkRemainingConformityAsync(id, auditor.Principal, CancellationToken.None)));
        Assert.Equal(ReviewOutcome.Done, (await ReviewAsync(s => s.ApproveAsync(id, auditor.Principal, CancellationToken.None))).Outcome);
        return (owner, id, code);
    }

    private Task<AssessmentReport?> ReportAsync(Func<AssessmentReportService, Task<AssessmentReport?>> action) => WithAsync(action);

    private Task<T> ReviewAsync<T>(Func<ReviewService, Task<T>> action) => WithAsync(action);

    private async Task<T> WithAsync<TService, T>(Func<TService, Task<T>> action)
        where TService : notnull
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
