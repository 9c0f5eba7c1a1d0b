using System.Net;
using Certify.Domain.Questionnaires;
using Certify.Web.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Certify.Web.Features.Shared;

namespace Certify.Web.Tests.Features.Assessments;

/// <summary>
/// The owner of PlastiMoldes (company B) tries every door to Autopartes del Bajío's (company A) assessment: through
/// the service with A's company id and with B's own, and over HTTP.
/// </summary>
public sealed class AssessmentTenancyTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task Service_OtherCompanyMember_SeesAndChangesNothing()
    {
        var (ownerA, id, evidenceId) = await CompanyAAssessmentAsync();
        var ownerB = await factory.DemoOwnerAsync(CertifyWebFactory.OwnerBEmail, CertifyWebFactory.CompanyBRfc);
        var ct = CancellationToken.None;

        foreach (var companyId in new[] { ownerA.CompanyId, ownerB.CompanyId })
        {
            Assert.Null(await factory.WithServiceAsync(s => s.GetAsync(companyId, id, ownerB.Principal, ct)));
            Assert.Equal(SaveOutcome.NotFound, (await factory.WithServiceAsync(s =>
                s.SaveAnswerAsync(companyId, id, "SUB-01", AnswerValue.Choice("yes"), null, 1, ownerB.Principal, ct))).Outcome);
            Assert.Equal(UploadOutcome.NotFound, (await factory.UploadAsync(ownerB with { CompanyId = companyId }, id, "SUB-08",
                AssessmentTestData.Pdf("intruso"), "intruso.pdf")).Outcome);
            Assert.Equal(SubmitOutcome.NotFound, (await factory.WithServiceAsync(s => s.SubmitAsync(companyId, id, ownerB.Principal, ct))).Outcome);
            Assert.False(await factory.WithServiceAsync(s => s.DeleteEvidenceAsync(companyId, id, evidenceId, ownerB.Principal, ct)));
        }

        Assert.Null(await factory.WithServiceAsync(s => s.ListAsync(ownerA.CompanyId, ownerB.Principal, ct)));
        Assert.Null(await factory.WithServiceAsync(s => s.OpenEvidenceAsync(evidenceId, ownerB.Principal, ct)));
        var answer = await factory.WithDbAsync(db => db.Answers.AsNoTracking().SingleAsync(a => a.AssessmentId == id && a.QuestionCode == "SUB-01"));
        Assert.Equal(AnswerValue.Choice("no"), AnswerJson.Deserialize(answer.ValueJson));
        Assert.Equal(1, answer.Version);
        Assert.Equal([evidenceId], await factory.WithDbAsync(db => db.EvidenceFiles.Where(e => e.AssessmentId == id).Select(e => e.Id).ToListAsync()));
        Assert.False(await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == ownerB.UserId && e.CompanyId == ownerA.CompanyId)));
    }

    [Fact]
    public async Task GetEvidence_Owner_Returns200AsAttachment()
    {
        var (_, _, evidenceId) = await CompanyAAssessmentAsync();
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, CertifyWebFactory.OwnerAEmail);

        using var response = await client.GetAsync($"/evidencias/{evidenceId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(AssessmentTestData.Pdf("de A"), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_OtherCompanyAssessmentUrls_Return404()
    {
        var (ownerA, id, evidenceId) = await CompanyAAssessmentAsync();
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, CertifyWebFactory.OwnerBEmail);

        foreach (var url in new[]
        {
            $"/evidencias/{evidenceId}",
            $"/empresas/{ownerA.CompanyId}/evaluaciones",
            $"/empresas/{ownerA.CompanyId}/evaluaciones/{id}",
            $"/empresas/{ownerA.CompanyId}/evaluaciones/{id}/resumen",
        })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
            Assert.NotEqual("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.DoesNotContain("Autopartes", TestData.Text(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
    }

    /// <summary>Company A's open assessment with SUB-01 answered "no" and one PDF on SUB-08 (made once per class).</summary>
    private async Task<(CompanyUser OwnerA, int AssessmentId, long EvidenceId)> CompanyAAssessmentAsync()
    {
        var ownerA = await factory.DemoOwnerAsync(CertifyWebFactory.OwnerAEmail, CertifyWebFactory.CompanyARfc);
        var id = await factory.StartAssessmentAsync(ownerA);
        var view = await factory.ViewAsync(ownerA, id);
        if (!view.Answers.ContainsKey("SUB-01"))
        {
            Assert.Equal(SaveOutcome.Saved, (await factory.SaveAsync(ownerA, id, "SUB-01", AnswerValue.Choice("no"), 0)).Outcome);
        }

        if (view.Evidence.FirstOrDefault() is { } existing)
        {
            return (ownerA, id, existing.Id);
        }

        var upload = await factory.UploadAsync(ownerA, id, "SUB-08", AssessmentTestData.Pdf("de A"), "acuse-repse.pdf");
        Assert.Equal(UploadOutcome.Stored, upload.Outcome);
        return (ownerA, id, upload.File!.Id);
    }
}
