using System.Text.Json;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Scoring;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Reviews;
using Certify.Web.Infrastructure;
using Certify.Web.Infrastructure.Email;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Assessments;

/// <summary>
/// After a submission: records the score snapshot for that submission, hands the submission to routing and e-mails
/// the certifying body's program admins. Safe to run any number of times: the snapshot is unique per submission and
/// carries when it was notified, and routing is idempotent.
/// </summary>
public sealed class SubmissionReceivedJob(
    IDbContextFactory<CertifyDbContext> dbFactory,
    QuestionnaireRegistry registry,
    EmailOutbox outbox,
    RouteSubmissionJob router,
    IConfiguration configuration,
    TimeProvider clock)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(int assessmentId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assessment = await db.Assessments.AsNoTracking()
            .Include(a => a.Company).Include(a => a.Program)
            .SingleOrDefaultAsync(a => a.Id == assessmentId, ct);
        if (assessment is null || assessment.SubmissionCount == 0 || assessment.State == AssessmentState.Draft)
        {
            return;
        }

        var snapshot = await db.AssessmentSnapshots
            .SingleOrDefaultAsync(s => s.AssessmentId == assessmentId && s.SubmissionNumber == assessment.SubmissionCount, ct);
        if (snapshot is null)
        {
            snapshot = await RecordAsync(db, assessment, ct);
            if (snapshot is null)
            {
                return;
            }
        }

        // Routing needs the snapshot's critical failures and must not wait on the e-mails to the admins. It runs here
        // rather than as a job of its own: one job fewer per submission, and a failure retries this (idempotent) job.
        await router.RunAsync(assessmentId, ct);

        if (snapshot.NotifiedAt is not null)
        {
            return;
        }

        var admins = await db.BodyMemberships.AsNoTracking()
            .Where(m => m.CertifyingBodyId == assessment.Program!.CertifyingBodyId && m.Role == BodyRole.ProgramAdmin && m.Active)
            .Select(m => new { m.User!.Email, m.User.PreferredCulture })
            .ToListAsync(ct);
        var link = $"{PublicUrl.Base(configuration)}/organismos/{assessment.Program!.CertifyingBodyId}";
        var company = assessment.Company!.TradeName ?? assessment.Company.LegalName;

        // Claiming the notification and staging the e-mails commit together; an overlapping run claims nothing.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var claimed = await db.AssessmentSnapshots.Where(s => s.Id == snapshot.Id && s.NotifiedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.NotifiedAt, now), ct);
        if (claimed == 0)
        {
            return;
        }

        var staged = admins.Where(a => a.Email is not null)
            .Select(a => outbox.Stage(db, a.Email!, EmailTemplates.SubmissionReceived(
                a.PreferredCulture, company, EmailTemplates.IsEnglish(a.PreferredCulture) ? assessment.Program.NameEn : assessment.Program.NameEs,
                snapshot.OverallScore, snapshot.Eligible, link)))
            .ToList();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        outbox.Dispatch(staged);
    }

    private async Task<AssessmentSnapshot?> RecordAsync(CertifyDbContext db, Assessment assessment, CancellationToken ct)
    {
        var definition = registry.ForVersion(assessment.QuestionnaireVersionId);
        var sheet = await AnswerSheets.LoadAsync(db, assessment.Id, ct);
        var score = Scorer.Score(definition, sheet, BodyCalendar.Today(clock));
        var snapshot = new AssessmentSnapshot
        {
            AssessmentId = assessment.Id,
            SubmissionNumber = assessment.SubmissionCount,
            OverallScore = score.Overall,
            Eligible = score.Eligible,
            ScoreJson = JsonSerializer.Serialize(score),
            CriticalFailureCount = score.CriticalFailures.Count,
            CreatedAt = clock.GetUtcNow(),
        };
        db.AssessmentSnapshots.Add(snapshot);
        try
        {
            await db.SaveChangesAsync(ct);
            return snapshot;
        }
        catch (DbUpdateException)
        {
            // Another run recorded it first; carry on from theirs.
            db.ChangeTracker.Clear();
            return await db.AssessmentSnapshots.SingleOrDefaultAsync(
                s => s.AssessmentId == assessment.Id && s.SubmissionNumber == assessment.SubmissionCount, ct);
        }
    }
}
