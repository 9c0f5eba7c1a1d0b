using System.Text;
using System.Text.Json.Nodes;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Web.Features.Distinctives;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using JoseJwk = Jose.Jwk;
using JWT = Jose.JWT;

namespace Certify.Web.Tests.Features.Distinctives;

/// <summary>A renderer that writes a tiny PDF naming the distinctive, or fails when told to; it keeps what it was asked.</summary>
public sealed class RecordingCertificateRenderer(bool fail = false) : ICertificateRenderer
{
    private readonly List<CertificateContent> _rendered = [];

    public IReadOnlyList<CertificateContent> Rendered => _rendered;

    public byte[] Render(CertificateContent content)
    {
        lock (_rendered)
        {
            _rendered.Add(content);
        }

        return fail
            ? throw new InvalidOperationException("The renderer is broken in this test.")
            : Encoding.ASCII.GetBytes($"%PDF-1.4\n% {content.Number} {content.VerificationCode}\n%%EOF\n");
    }
}

/// <summary>Approved assessments and issuance runs for the distinctive tests.</summary>
public static class DistinctiveTestData
{
    /// <summary>A new company with an assessment approved with <paramref name="level"/> (null: approved without a level).</summary>
    public static async Task<(CompanyUser Owner, int AssessmentId)> ApprovedAsync(this CertifyWebFactory factory, string tradeName, string? level = "A", DateTimeOffset? decidedAt = null)
    {
        var owner = await factory.CreateCompanyAsync(tradeName);
        var programId = await factory.ProgramIdAsync();
        var when = decidedAt ?? DateTimeOffset.UtcNow;
        var id = await factory.WithDbAsync(async db =>
        {
            var versionId = await db.Programs.Where(p => p.Id == programId).Select(p => p.QuestionnaireVersionId).SingleAsync();
            var assessment = new Assessment
            {
                CompanyId = owner.CompanyId,
                ProgramId = programId,
                QuestionnaireVersionId = versionId,
                State = AssessmentState.Approved,
                CreatedAt = when.AddDays(-20),
                CreatedByUserId = owner.UserId,
                SubmittedAt = when.AddDays(-10),
                SubmittedByUserId = owner.UserId,
                SubmissionCount = 1,
                Version = Guid.NewGuid(),
            };
            db.Assessments.Add(assessment);
            await db.SaveChangesAsync();
            db.Reviews.Add(new Review
            {
                AssessmentId = assessment.Id,
                SubmissionNumber = 1,
                DueOn = DateOnly.FromDateTime(when.UtcDateTime),
                CreatedAt = when.AddDays(-10),
                DecidedAt = when,
                AuditorScore = level is null ? 40m : 95m,
                LevelCode = level,
            });
            await db.SaveChangesAsync();
            return assessment.Id;
        });
        return (owner, id);
    }

    /// <summary>
    /// A new company's assessment answered compliantly with evidence, approved at level A in one submission and
    /// issued by the issuance job: the shape of a real issued assessment, without going through the review screens.
    /// </summary>
    public static async Task<(CompanyUser Owner, int AssessmentId)> IssuedWithAnswersAsync(this CertifyWebFactory factory, string tradeName)
    {
        var (owner, id) = await factory.SubmittedAssessmentAsync(tradeName, submit: false);
        await factory.WithDbAsync(async db =>
        {
            var assessment = await db.Assessments.SingleAsync(a => a.Id == id);
            assessment.State = AssessmentState.Approved;
            assessment.OpenSlot = null;
            assessment.SubmissionCount = 1;
            assessment.SubmittedAt = DateTimeOffset.UtcNow.AddDays(-3);
            db.Reviews.Add(new Review
            {
                AssessmentId = id, SubmissionNumber = 1, DueOn = DateOnly.FromDateTime(DateTime.UtcNow), CreatedAt = DateTimeOffset.UtcNow.AddDays(-3),
                DecidedAt = DateTimeOffset.UtcNow, AuditorScore = 95m, LevelCode = "A",
            });
            return await db.SaveChangesAsync();
        });
        await factory.IssueAsync(id);
        return (owner, id);
    }

    /// <summary>Runs the issuance job from a scope of its own, with <paramref name="renderer"/> for the PDF.</summary>
    public static async Task IssueAsync(this CertifyWebFactory factory, int assessmentId, ICertificateRenderer? renderer = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var job = ActivatorUtilities.CreateInstance<IssueDistinctiveJob>(scope.ServiceProvider, renderer ?? new RecordingCertificateRenderer());
        await job.RunAsync(assessmentId, CancellationToken.None);
    }

    public static Task<List<Distinctive>> DistinctivesAsync(this CertifyWebFactory factory, int assessmentId) =>
        factory.WithDbAsync(db => db.Distinctives.AsNoTracking().Where(d => d.AssessmentId == assessmentId).ToListAsync());

    /// <summary>What a verifier does: GET the DID document, find the JWS kid among its assertion methods and build the key with jose-jwt.</summary>
    public static async Task<JoseJwk> KeyFromServedDidDocumentAsync(HttpClient client, string slug, string jws)
    {
        using var response = await client.GetAsync($"/organismos/{slug}/did.json");
        response.EnsureSuccessStatusCode();
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var kid = (string)JWT.Headers(jws)["kid"];
        Assert.Contains(document["assertionMethod"]!.AsArray(), a => (string?)a == kid);
        var method = document["verificationMethod"]!.AsArray().Single(m => (string?)m!["id"] == kid)!;
        return JoseJwk.FromJson(method["publicKeyJwk"]!.ToJsonString(), JWT.DefaultSettings.JsonMapper);
    }
}
