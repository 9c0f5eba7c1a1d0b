using Hangfire;

namespace Certify.Web.Jobs;

/// <summary>Every recurring schedule of the app, each under a stable id.</summary>
public static class RecurringJobs
{
    public static void Register(IServiceProvider services)
    {
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<Infrastructure.Email.ResendUnsentEmailsJob>(
            "email-resend-unsent", job => job.RunAsync(CancellationToken.None), "*/10 * * * *");
        recurring.AddOrUpdate<Features.Audit.AuditSealJob>(
            Features.Audit.AuditSealJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<Features.Assessments.SubmissionReconcileJob>(
            "submissions-reconcile", job => job.RunAsync(CancellationToken.None), "*/5 * * * *");
        recurring.AddOrUpdate<Features.Distinctives.DistinctiveReconcileJob>(
            "distinctives-reconcile", job => job.RunAsync(CancellationToken.None), "*/5 * * * *");

        // 14:00 UTC is 08:00 in Mexico City: reminders arrive at the start of the working day.
        recurring.AddOrUpdate<Features.Reviews.ReviewDeadlineJob>(
            "review-deadlines", job => job.RunAsync(CancellationToken.None), "0 14 * * *");
        recurring.AddOrUpdate<Features.Reviews.CorrectiveActionReminderJob>(
            "corrective-action-reminders", job => job.RunAsync(CancellationToken.None), "0 14 * * *");
        recurring.AddOrUpdate<Features.Concerns.ConcernDeadlineJob>(
            "concern-deadlines", job => job.RunAsync(CancellationToken.None), "0 14 * * *");
        recurring.AddOrUpdate<Features.Concerns.FollowUpDeadlineJob>(
            "follow-up-deadlines", job => job.RunAsync(CancellationToken.None), "0 14 * * *");
        recurring.AddOrUpdate<Features.Buyers.BuyerAlertJob>(
            Features.Buyers.BuyerAlertJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<Features.Buyers.BuyerAlertJob>(
            Features.Buyers.BuyerAlertJob.DigestId, job => job.DigestAsync(CancellationToken.None), "0 14 * * *");
        recurring.AddOrUpdate<Features.Risk.RiskTrainingJob>(
            Features.Risk.RiskTrainingJob.Id, job => job.RunAsync(CancellationToken.None), "0 9 * * *");
        recurring.AddOrUpdate<Features.Distinctives.DistinctiveExpiryJob>(
            "distinctive-expiry-warnings", job => job.RunAsync(CancellationToken.None), "0 14 * * *");
    }
}
