using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Evidence;
using Certify.Domain.Questionnaires;
using Certify.Web.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Assessments;

/// <summary>Submitting a complete assessment, what it freezes, and the idempotent follow-up jobs.</summary>
public sealed class SubmissionTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task SubmitAsync_EveryVisibleQuestionAnsweredWithEvidence_SubmitsAndAudits()
    {
        var owner = await factory.CreateCompanyAsync("Envío Completo");
        var id = await factory.StartAssessmentAsync(owner);
        var view = await factory.CompleteCompliantlyAsync(owner, id);
        Assert.Empty(Completeness.Check(view.Definition, view.Sheet()));
        Assert.Contains("SUB-03", view.Answers.Keys);

        var result = await factory.WithServiceAsync(s => s.SubmitAsync(owner.CompanyId, id, owner.Principal, CancellationToken.None));

        Assert.Equal(SubmitOutcome.Submitted, result.Outcome);
        Assert.Empty(result.Missing);
        var stored = await factory.WithDbAsync(db => db.Assessments.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(AssessmentState.Submitted, stored.State);
        Assert.Equal(1, stored.SubmissionCount);
        Assert.NotNull(stored.SubmittedAt);
        Assert.Equal(owner.UserId, stored.SubmittedByUserId);
        var audit = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .SingleAsync(e => e.Action == "assessment.submitted" && e.EntityId == id.ToString()));
        Assert.Equal(owner.CompanyId, audit.CompanyId);
        Assert.Equal(owner.UserId, audit.UserId);
        var queued = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 1000);
        Assert.Single(queued, j => j.Value.Job?.Type == typeof(SubmissionReceivedJob) && Equals(j.Value.Job.Args[0], id));
    }

    [Fact]
    public async Task SubmitAsync_AlreadySubmitted_IsNotAllowed()
    {
        var (owner, id) = await factory.SubmittedAssessmentAsync("Envío Repetido");

        var again = await factory.WithServiceAsync(s => s.SubmitAsync(owner.CompanyId, id, owner.Principal, CancellationToken.None));

        Assert.Equal(SubmitOutcome.NotAllowed, again.Outcome);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.SubmissionCount).SingleAsync()));
    }

    [Fact]
    public async Task ChangesAfterSubmit_AnswerUploadAndDelete_AreRefusedAndNothingChanges()
    {
        var (owner, id) = await factory.SubmittedAssessmentAsync("Respuestas Congeladas");
        var answersBefore = await AnswerRowsAsync(id);
        var evidenceBefore = await factory.WithDbAsync(db => db.EvidenceFiles.Where(e => e.AssessmentId == id).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync());
        var filesBefore = factory.StoredFiles();
        var sub01 = answersBefore.Single(a => a.QuestionCode == "SUB-01");

        var save = await factory.SaveAsync(owner, id, "SUB-01", AnswerValue.Choice("yes"), sub01.Version);
        var upload = await factory.UploadAsync(owner, id, "SUB-03", AssessmentTestData.Pdf("tarde"), "tarde.pdf");
        var deleted = await factory.WithServiceAsync(s => s.DeleteEvidenceAsync(owner.CompanyId, id, evidenceBefore[0], owner.Principal, CancellationToken.None));

        Assert.Equal(SaveOutcome.Frozen, save.Outcome);
        Assert.Equal(UploadOutcome.Frozen, upload.Outcome);
        Assert.Equal(EvidenceRejection.None, upload.Rejection);
        Assert.False(deleted);
        Assert.Equal(answersBefore, await AnswerRowsAsync(id));
        Assert.Equal(evidenceBefore, await factory.WithDbAsync(db => db.EvidenceFiles.Where(e => e.AssessmentId == id).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync()));
        Assert.Equal(filesBefore, factory.StoredFiles());
    }

    [Fact]
    public async Task SubmissionReceivedJob_RunTwice_RecordsOneSnapshotAndEmailsTheProgramAdminOnce()
    {
        var (_, id) = await factory.SubmittedAssessmentAsync("Seguimiento Idempotente");

        await RunReceivedJobAsync(id);
        await RunReceivedJobAsync(id);

        var snapshot = await factory.WithDbAsync(db => db.AssessmentSnapshots.AsNoTracking().SingleAsync(s => s.AssessmentId == id));
        Assert.Equal(1, snapshot.SubmissionNumber);
        Assert.Equal(100m, snapshot.OverallScore);
        Assert.True(snapshot.Eligible);
        Assert.NotNull(snapshot.NotifiedAt);
        Assert.Contains("\"Overall\"", snapshot.ScoreJson, StringComparison.Ordinal);
        var emails = await factory.WithDbAsync(db => db.OutboundEmails.AsNoTracking()
            .Where(e => e.To == AssessmentTestData.ProgramAdminEmail).ToListAsync());
        Assert.Single(emails, e => e.Subject.Contains("Seguimiento Idempotente", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubmissionReceivedJob_OverlappingRuns_EmailTheProgramAdminOnce()
    {
        var (_, id) = await factory.SubmittedAssessmentAsync("Seguimiento Concurrente");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => RunReceivedJobAsync(id))));

        Assert.Single(await factory.WithDbAsync(db => db.AssessmentSnapshots.AsNoTracking().Where(s => s.AssessmentId == id).ToListAsync()));
        var emails = await factory.WithDbAsync(db => db.OutboundEmails.AsNoTracking()
            .Where(e => e.To == AssessmentTestData.ProgramAdminEmail).ToListAsync());
        Assert.Single(emails, e => e.Subject.Contains("Seguimiento Concurrente", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubmitAsync_RacingAnAnswerSave_NeverFreezesAnUncheckedChange()
    {
        var (owner, id) = await factory.SubmittedAssessmentAsync("Carrera Envio", submit: false);
        var sub01 = (await AnswerRowsAsync(id)).Single(a => a.QuestionCode == "SUB-01");

        // Change a critical answer while submitting: whichever wins, the stored answers and the state agree.
        var save = Task.Run(() => factory.SaveAsync(owner, id, "SUB-01", AnswerValue.Choice("yes"), sub01.Version));
        var submit = Task.Run(() => factory.WithServiceAsync(s => s.SubmitAsync(owner.CompanyId, id, owner.Principal, CancellationToken.None)));
        await Task.WhenAll(save, submit);
        var saved = await save;
        var submitted = await submit;

        var state = await factory.WithDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.State).SingleAsync());
        var stored = (await AnswerRowsAsync(id)).Single(a => a.QuestionCode == "SUB-01");
        if (saved.Outcome == SaveOutcome.Saved)
        {
            Assert.Equal(stored.Version, saved.Current!.Version);
            if (state == AssessmentState.Submitted)
            {
                // The freeze that won came after the change, so the completeness check saw it.
                var submittedAt = await factory.WithDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.SubmittedAt).SingleAsync());
                Assert.True(submittedAt >= saved.Current.UpdatedAt);
            }
        }
        else
        {
            Assert.Equal(SaveOutcome.Frozen, saved.Outcome);
            Assert.Equal(AssessmentState.Submitted, state);
            Assert.Equal(sub01.Version, stored.Version);
        }

        Assert.Equal(submitted.Outcome == SubmitOutcome.Submitted, state == AssessmentState.Submitted);
    }

    [Fact]
    public async Task SubmissionReconcileJob_SubmissionWithoutFollowUp_EnqueuesItOnlyForThatOne()
    {
        var now = DateTimeOffset.UtcNow;
        var stuck = await SubmittedRowAsync("Seguimiento Perdido", now.AddMinutes(-10), notified: false);
        var recent = await SubmittedRowAsync("Recién Enviada", now, notified: false);
        var done = await SubmittedRowAsync("Ya Notificada", now.AddMinutes(-10), notified: true);

        var enqueued = await RunReconcileAsync();

        Assert.Single(enqueued, id => id == stuck);
        Assert.DoesNotContain(recent, enqueued);
        Assert.DoesNotContain(done, enqueued);

        await RunReceivedJobAsync(stuck);

        Assert.DoesNotContain(stuck, await RunReconcileAsync());
        var snapshot = await factory.WithDbAsync(db => db.AssessmentSnapshots.AsNoTracking().SingleAsync(s => s.AssessmentId == stuck));
        Assert.NotNull(snapshot.NotifiedAt);
    }

    private async Task RunReceivedJobAsync(int assessmentId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SubmissionReceivedJob>().RunAsync(assessmentId, CancellationToken.None);
    }

    /// <summary>Runs the reconcile job with a client that records what it enqueues; returns the assessment ids of the follow-ups.</summary>
    private async Task<IReadOnlyList<int>> RunReconcileAsync()
    {
        var jobs = new RecordingJobClient();
        await using var scope = factory.Services.CreateAsyncScope();
        var reconcile = ActivatorUtilities.CreateInstance<SubmissionReconcileJob>(scope.ServiceProvider, (IBackgroundJobClient)jobs);
        await reconcile.RunAsync(CancellationToken.None);
        // Routing of submissions without a review is enqueued too; RoutingTests covers it.
        var followUps = jobs.Created.Where(job => job.Type == typeof(SubmissionReceivedJob)).ToList();
        Assert.All(followUps, job => Assert.Equal(nameof(SubmissionReceivedJob.RunAsync), job.Method.Name));
        return followUps.Select(job => (int)job.Args[0]).ToList();
    }

    /// <summary>A submitted assessment as the database holds it when the follow-up did (or did not) run.</summary>
    private async Task<int> SubmittedRowAsync(string tradeName, DateTimeOffset submittedAt, bool notified)
    {
        var owner = await factory.CreateCompanyAsync(tradeName);
        var programId = await factory.ProgramIdAsync();
        return await factory.WithDbAsync(async db =>
        {
            var versionId = await db.Programs.Where(p => p.Id == programId).Select(p => p.QuestionnaireVersionId).SingleAsync();
            var assessment = new Assessment
            {
                CompanyId = owner.CompanyId,
                ProgramId = programId,
                QuestionnaireVersionId = versionId,
                State = AssessmentState.Submitted,
                CreatedAt = submittedAt.AddHours(-1),
                CreatedByUserId = owner.UserId,
                SubmittedAt = submittedAt,
                SubmittedByUserId = owner.UserId,
                SubmissionCount = 1,
                OpenSlot = Assessment.SlotFor(owner.CompanyId, programId),
                Version = Guid.NewGuid(),
            };
            db.Assessments.Add(assessment);
            await db.SaveChangesAsync();
            if (notified)
            {
                db.AssessmentSnapshots.Add(new AssessmentSnapshot
                {
                    AssessmentId = assessment.Id,
                    SubmissionNumber = 1,
                    ScoreJson = "{}",
                    CreatedAt = submittedAt,
                    NotifiedAt = submittedAt,
                });
                await db.SaveChangesAsync();
            }

            return assessment.Id;
        });
    }

    private async Task<List<(string QuestionCode, string? ValueJson, long Version)>> AnswerRowsAsync(int assessmentId)
    {
        var rows = await factory.WithDbAsync(db => db.Answers.AsNoTracking().Where(a => a.AssessmentId == assessmentId)
            .OrderBy(a => a.QuestionCode).Select(a => new { a.QuestionCode, a.ValueJson, a.Version }).ToListAsync());
        return rows.Select(r => (r.QuestionCode, r.ValueJson, r.Version)).ToList();
    }
}
