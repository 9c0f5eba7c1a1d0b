using System.Globalization;
using MimeKit;

namespace Certify.Cluster.Tests;

/// <summary>
/// Points 5 and 6 of the proof: N submissions (<c>CLUSTER_SUBMISSIONS</c>, 1,000 by default) routed by the Hangfire servers of both nodes, node A killed with SIGKILL once half are done: node B
/// finishes, node A comes back, and every submission has exactly one review and one auditor e-mail; no job failed.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterRoutingTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    [ClusterFact]
    public async Task Submissions_BothNodesRoute_NodeAKilledHalfway_NoneLostOrDuplicated()
    {
        ClusterFixture.RequireEnvironment();
        var count = ClusterEnvironment.Submissions;
        var submissions = new ClusterSubmissions(cluster);
        await submissions.PrepareAsync(count, auditors: 5);

        var started = DateTime.UtcNow;
        var submitting = submissions.SubmitAllAsync();
        var atKill = await submissions.WaitForCompleteAsync(count / 2, Timeout);
        var killedProcess = cluster.NodeA.ProcessId;
        var killedAt = DateTime.UtcNow;
        await cluster.NodeA.KillAsync();
        await submitting;
        await submissions.WaitForCompleteAsync(count, Timeout);
        var allDoneAt = DateTime.UtcNow;

        await cluster.NodeA.StartAsync("health/ready", Timeout);
        var jobs = await submissions.WaitForQuietAsync(Timeout);
        var quietAt = DateTime.UtcNow;
        var counts = await submissions.CountAsync();
        var retaken = await submissions.RetakenAsync(killedProcess);
        var auditorMessages = AuditorMessageIds(await submissions.AuditorsAsync());

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            submissions {count}; killed node A (pid {killedProcess}) {(killedAt - started).TotalSeconds:F1} s after the first submission, with {atKill.Complete} routed and e-mailed
            all {count} routed and e-mailed {(allDoneAt - started).TotalSeconds:F1} s after the first submission ({(allDoneAt - killedAt).TotalSeconds:F1} s after the kill)
            jobs the kill interrupted, taken again by another process: {retaken.Count}{(retaken.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $", {(retaken.Min() - killedAt).TotalSeconds:F1}–{(retaken.Max() - killedAt).TotalSeconds:F1} s after the kill") : "")}
            every job finished (none enqueued, processing or scheduled) {(quietAt - killedAt).TotalSeconds:F1} s after the kill
            after node A restarted (pid {cluster.NodeA.ProcessId}): {counts}
            Hangfire: {jobs}
            auditor .eml files {auditorMessages.Files}, distinct Message-Ids {auditorMessages.Distinct}
            node B pid {cluster.NodeB.ProcessId}
            """));

        Assert.True(atKill.Complete < count, $"node A was killed after everything was done ({atKill.Complete} of {count}).");
        Assert.Equal(count, counts.Submitted);
        Assert.Equal(count, counts.Complete);
        Assert.Equal(count, counts.Reviews);
        Assert.Equal(0, counts.DuplicateReviews);
        Assert.Equal(count, counts.AuditorEmails);
        Assert.Equal(0, counts.DuplicateEmails);
        Assert.Equal(0, counts.UnsentEmails);
        Assert.Equal(0, jobs.Failed);
        Assert.Equal(0, jobs.FailedStates);
        Assert.Equal(0, jobs.PipelineRetries);
        Assert.True(jobs.TakenByProcess.GetValueOrDefault(killedProcess) > 0, $"node A took no job: {jobs}");
        Assert.True(jobs.TakenByProcess.GetValueOrDefault(cluster.NodeB.ProcessId) > 0, $"node B took no job: {jobs}");

        // A message re-sent after a crash keeps its Message-Id, so a mailbox shows it once.
        Assert.Equal(count, auditorMessages.Distinct);
    }

    private (int Files, int Distinct) AuditorMessageIds(List<string> auditors)
    {
        var ids = Directory.EnumerateFiles(cluster.MailFolder, "*.eml")
            .Select(file => MimeMessage.Load(file))
            .Where(m => m.Subject?.Contains(ClusterSubmissions.CompanyPrefix, StringComparison.Ordinal) == true
                && m.To.Mailboxes.Any(a => auditors.Contains(a.Address, StringComparer.OrdinalIgnoreCase)))
            .Select(m => m.MessageId)
            .ToList();
        return (ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }
}
