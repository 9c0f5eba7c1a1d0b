using Certify.Data.Entities;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Assessments;
using Certify.Web.Infrastructure;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Reviews;

/// <summary>
/// The submission pipeline through real Hangfire storage: SubmissionReceivedJob → RouteSubmissionJob → SendEmailJob,
/// run by a Hangfire server this test starts itself (the factory runs none).
/// </summary>
public sealed class RoutingPipelineTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Submit_WhileNoServerRuns_IsRoutedAndEmailedOnceAfterAServerStarts()
    {
        var bodyId = await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);
        await factory.WithDbAsync(db => db.BodyMemberships.Where(m => m.CertifyingBodyId == bodyId && m.Role == BodyRole.Auditor)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Active, false)));
        const string auditorEmail = "auditor@pipeline.example";
        var auditorId = await factory.CreateUserAsync(auditorEmail);
        await factory.AddBodyMembershipAsync(bodyId, auditorId, BodyRole.Auditor);

        // The real submit: it commits and enqueues SubmissionReceivedJob into the job database, where nobody takes it.
        var (_, id) = await factory.SubmittedAssessmentAsync("Ruta Sin Servidor");

        var waiting = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 100);
        Assert.Single(waiting, j => j.Value.Job.Type == typeof(SubmissionReceivedJob) && Equals(j.Value.Job.Args[0], id));
        Assert.Empty(await ReviewsAsync(id));
        Assert.Empty(await EmailsToAsync(auditorEmail));

        // A server on a storage opened afresh over the same database: what it runs can only come from there.
        var storage = factory.CreateJobStorage();
        try
        {
            using var server = new BackgroundJobServer(new BackgroundJobServerOptions
            {
                Queues = HangfireSetup.Queues,
                WorkerCount = 2,
                Activator = new AspNetCoreJobActivator(factory.Services.GetRequiredService<IServiceScopeFactory>()),
            }, storage);

            var deadline = DateTimeOffset.UtcNow + Patience;
            while (DateTimeOffset.UtcNow < deadline && !await RoutedAndSentAsync(id, auditorEmail))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }
        finally
        {
            (storage as IDisposable)?.Dispose();
        }

        var review = Assert.Single(await ReviewsAsync(id));
        Assert.Equal(auditorId, review.AuditorUserId);
        Assert.NotNull(review.AssignedAt);
        Assert.NotNull(review.EmailedAt);
        var email = Assert.Single(await EmailsToAsync(auditorEmail));
        Assert.Contains("Ruta Sin Servidor", email.Subject, StringComparison.Ordinal);
        Assert.NotNull(email.SentAt);
        Assert.Single(Directory.EnumerateFiles(Path.Combine(factory.DataDirectory, "mail"), "*.eml"),
            file => File.ReadAllText(file).Contains(auditorEmail, StringComparison.Ordinal));
    }

    private async Task<bool> RoutedAndSentAsync(int assessmentId, string auditorEmail) =>
        (await ReviewsAsync(assessmentId)).Any(r => r.EmailedAt is not null)
        && (await EmailsToAsync(auditorEmail)).Any(e => e.SentAt is not null);

    private Task<List<Review>> ReviewsAsync(int assessmentId) =>
        factory.WithDbAsync(db => db.Reviews.AsNoTracking().Where(r => r.AssessmentId == assessmentId).ToListAsync());

    private Task<List<OutboundEmail>> EmailsToAsync(string to) =>
        factory.WithDbAsync(db => db.OutboundEmails.AsNoTracking().Where(e => e.To == to).ToListAsync());
}
