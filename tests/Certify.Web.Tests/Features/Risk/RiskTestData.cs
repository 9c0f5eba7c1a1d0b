using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Companies;
using Certify.Domain.Concerns;
using Certify.Domain.Reviews;
using Certify.Domain.Risk;
using Certify.Web.Tests.Features.Distinctives;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Tests.Features.Risk;

/// <summary>A finding as the tests describe it: question, severity, status, recorded and last changed, due day.</summary>
public sealed record FindingSpec(string Question, FindingSeverity Severity, FindingStatus Status, DateTimeOffset RecordedAt, DateTimeOffset UpdatedAt, DateOnly? DueOn = null);

/// <summary>One submission and its review as the tests describe it.</summary>
public sealed record SubmissionSpec(
    DateTimeOffset SubmittedAt, int CriticalFailures, decimal? SelfScore, DateTimeOffset? DecidedAt = null, decimal? AuditorScore = null,
    params FindingSpec[] Findings);

/// <summary>
/// Writes a company's history in the demo body's DRL-AUTO program straight into the database, and returns the same
/// history as the domain's <see cref="RiskHistory"/>, so the database's facts can be held to the domain's.
/// </summary>
public static class RiskTestData
{
    public static async Task<int> CreateCompanyAsync(this CertifyWebFactory factory, string name, int workers, AutoPartsTier tier, MexicanState state = MexicanState.Zacatecas)
    {
        var rfc = TestData.ValidRfc($"RSG{Random.Shared.Next(0, 99):D2}0101{(char)('A' + Random.Shared.Next(26))}{(char)('A' + Random.Shared.Next(26))}");
        return await factory.WithDbAsync(async db =>
        {
            var company = new Company
            {
                LegalName = $"{name}, S.A. de C.V.", Rfc = rfc, State = state, Municipality = "Zacatecas", Workers = workers, Tier = tier,
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, Version = Guid.NewGuid(),
            };
            db.Companies.Add(company);
            await db.SaveChangesAsync();
            return company.Id;
        });
    }

    /// <summary>An assessment with its submissions (snapshot, review, findings); returns the domain's view of them.</summary>
    public static async Task<(List<HistorySubmission> Submissions, List<HistoryFinding> Findings)> CreateAssessmentAsync(
        this CertifyWebFactory factory, int companyId, AssessmentState state, params SubmissionSpec[] submissions) =>
        await factory.WithDbAsync(async db =>
        {
            var program = await db.Programs.Where(p => p.Code == "DRL-AUTO").SingleAsync();
            var assessment = new Assessment
            {
                CompanyId = companyId, ProgramId = program.Id, QuestionnaireVersionId = program.QuestionnaireVersionId, State = state,
                CreatedAt = submissions[0].SubmittedAt.AddDays(-1), CreatedByUserId = "test", SubmittedAt = submissions[^1].SubmittedAt,
                SubmissionCount = submissions.Length, Version = Guid.NewGuid(),
            };
            db.Assessments.Add(assessment);
            await db.SaveChangesAsync();
            var historySubmissions = new List<HistorySubmission>();
            var historyFindings = new List<HistoryFinding>();
            for (var i = 0; i < submissions.Length; i++)
            {
                var s = submissions[i];
                db.AssessmentSnapshots.Add(new AssessmentSnapshot
                {
                    AssessmentId = assessment.Id, SubmissionNumber = i + 1, OverallScore = s.SelfScore, Eligible = s.CriticalFailures == 0,
                    ScoreJson = "{}", CriticalFailureCount = s.CriticalFailures, CreatedAt = s.SubmittedAt,
                });
                var review = new Review
                {
                    AssessmentId = assessment.Id, SubmissionNumber = i + 1, Priority = 0, DueOn = DateOnly.FromDateTime(s.SubmittedAt.UtcDateTime).AddDays(10),
                    CreatedAt = s.SubmittedAt.AddMinutes(1), DecidedAt = s.DecidedAt, AuditorScore = s.AuditorScore,
                };
                db.Reviews.Add(review);
                await db.SaveChangesAsync();
                foreach (var f in s.Findings)
                {
                    db.Findings.Add(new Finding
                    {
                        ReviewId = review.Id, AssessmentId = assessment.Id, QuestionCode = f.Question, Severity = f.Severity, Comment = "Presentar evidencia",
                        Status = f.Status, DueOn = f.DueOn, CreatedAt = f.RecordedAt, UpdatedAt = f.UpdatedAt, UpdatedByUserId = "test",
                    });
                    historyFindings.Add(new HistoryFinding(review.Id, f.Question, f.Severity, f.Status, f.RecordedAt, f.UpdatedAt, f.DueOn));
                }

                await db.SaveChangesAsync();
                historySubmissions.Add(new HistorySubmission(assessment.Id, i + 1, s.SubmittedAt, s.CriticalFailures, s.SelfScore, review.Id,
                    review.CreatedAt, s.DecidedAt, s.AuditorScore, state == AssessmentState.Rejected && i == submissions.Length - 1));
            }

            return (historySubmissions, historyFindings);
        });

    public static async Task<(HistoryDistinctive History, long Id)> CreateCompanyDistinctiveAsync(
        this CertifyWebFactory factory, int companyId, DateTimeOffset issuedAt, DateTimeOffset validUntil, DateTimeOffset? suspendedAt = null)
    {
        var distinctive = await factory.CreateDistinctiveAsync(new DistinctiveSpec
        {
            CompanyId = companyId, ValidFrom = issuedAt, ValidUntil = validUntil, SuspendedAt = suspendedAt, StatusReason = suspendedAt is null ? null : "Revisión",
        });
        return (new HistoryDistinctive(issuedAt, validUntil, suspendedAt, null), distinctive.Id);
    }

    /// <summary>A worker concern about a distinctive of the company, received on <paramref name="receivedOn"/>.</summary>
    public static Task CreateConcernAsync(this CertifyWebFactory factory, int companyId, long distinctiveId, DateOnly receivedOn) =>
        factory.WithDbAsync(async db =>
        {
            var body = await db.Programs.Where(p => p.Code == "DRL-AUTO").Select(p => p.CertifyingBodyId).SingleAsync();
            db.Concerns.Add(new Concern
            {
                CertifyingBodyId = body, CompanyId = companyId, DistinctiveId = distinctiveId, Topic = ConcernTopic.PayHours,
                State = ConcernState.New, ReceivedOn = receivedOn, ReportCipher = "cifrado", LookupId = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(),
                SecretSalt = [1], SecretHash = [2], Version = Guid.NewGuid(),
            });
            await db.SaveChangesAsync();
        });
}
