using System.Globalization;
using Certify.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Certify.RoutingBench;

/// <summary>Counts what the pipeline produced for the bench submissions, while waiting and at the end.</summary>
internal static class Progress
{
    /// <summary>Starts the clock: the script calls this just before it starts the app with every submission queued.</summary>
    public static Task StartClockAsync(BenchDatabase bench) =>
        File.WriteAllTextAsync(bench.StartFile, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>Waits until <paramref name="target"/> bench submissions have an assigned review whose auditor e-mail was sent.</summary>
    public static async Task<int> WaitAsync(BenchDatabase bench, int target, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var last = -1;
        while (true)
        {
            var done = (await CountAsync(bench)).Complete;
            if (done != last)
            {
                Console.WriteLine($"  {Elapsed(bench):F1} s: {done} routed and e-mailed");
                last = done;
            }

            if (done >= target)
            {
                return 0;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Console.WriteLine($"  gave up after {timeout.TotalSeconds:F0} s with {done} of {target}");
                return 1;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    public static async Task<int> ReportAsync(BenchDatabase bench)
    {
        var counts = await CountAsync(bench);
        var monitor = bench.OpenJobs().GetMonitoringApi();
        var failed = monitor.FailedCount();
        var stats = monitor.GetStatistics();
        var mailFolder = Path.Combine(bench.DataDirectory, "mail");
        var auditorFiles = Directory.Exists(mailFolder)
            ? Directory.EnumerateFiles(mailFolder, "*.eml").Select(File.ReadAllText)
                .Count(text => text.Contains(BenchDatabase.CompanyPrefix, StringComparison.Ordinal)
                    && counts.Auditors.Any(a => text.Contains($"To: {a}", StringComparison.Ordinal)))
            : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            elapsed_s            {Elapsed(bench):F1}   (from the app's start with every submission queued to the last check)
            submissions          {counts.Submitted}
            reviews              {counts.Reviews}
            assigned             {counts.Assigned}
            routed_and_emailed   {counts.Complete}
            duplicate_reviews    {counts.DuplicateReviews}   (submissions with more than one review)
            auditor_emails       {counts.AuditorEmails}   (rows in OutboundEmails to a bench auditor)
            duplicate_emails     {counts.DuplicateEmails}   (submissions whose auditor e-mail row exists more than once)
            unsent_emails        {counts.UnsentEmails}
            auditor_eml_files    {auditorFiles}   (messages in the pickup folder)
            hangfire_succeeded   {stats.Succeeded}
            hangfire_failed      {failed}
            hangfire_enqueued    {stats.Enqueued}
            hangfire_processing  {stats.Processing}
            """));
        foreach (var load in counts.PerAuditor)
        {
            Console.WriteLine($"  {load.Key,-32} {load.Value}");
        }

        var clean = counts.Submitted > 0 && counts.Complete == counts.Submitted && counts.DuplicateReviews == 0
            && counts.DuplicateEmails == 0 && counts.AuditorEmails == counts.Submitted && failed == 0;
        Console.WriteLine(clean ? "RESULT ok: none lost, none duplicated" : "RESULT FAILED");
        return clean ? 0 : 1;
    }

    private static double Elapsed(BenchDatabase bench) =>
        File.Exists(bench.StartFile)
            ? (DateTimeOffset.UtcNow - DateTimeOffset.Parse(File.ReadAllText(bench.StartFile), CultureInfo.InvariantCulture)).TotalSeconds
            : 0;

    private static async Task<Counts> CountAsync(BenchDatabase bench)
    {
        await using var db = bench.Open();
        var submissions = db.Assessments.AsNoTracking()
            .Where(a => a.Company!.TradeName!.StartsWith(BenchDatabase.CompanyPrefix) && a.SubmissionCount > 0);
        var reviews = db.Reviews.AsNoTracking().Where(r => submissions.Any(a => a.Id == r.AssessmentId));
        var auditorEmails = await db.BodyMemberships.AsNoTracking().Where(m => m.Role == BodyRole.Auditor)
            .Select(m => m.User!.Email!).Distinct().ToListAsync();
        var emails = await db.OutboundEmails.AsNoTracking()
            .Where(e => auditorEmails.Contains(e.To) && e.Subject.Contains(BenchDatabase.CompanyPrefix))
            .Select(e => new { e.Subject, e.SentAt }).ToListAsync();
        var sentSubjects = emails.Where(e => e.SentAt != null).Select(e => Company(e.Subject)).ToHashSet(StringComparer.Ordinal);
        var emailed = await reviews.Where(r => r.AuditorUserId != null && r.EmailedAt != null)
            .Select(r => r.Assessment!.Company!.TradeName!).ToListAsync();

        return new Counts(
            Submitted: await submissions.CountAsync(),
            Reviews: await reviews.CountAsync(),
            Assigned: await reviews.CountAsync(r => r.AuditorUserId != null),
            Complete: emailed.Count(sentSubjects.Contains),
            DuplicateReviews: await reviews.GroupBy(r => new { r.AssessmentId, r.SubmissionNumber }).CountAsync(g => g.Count() > 1),
            AuditorEmails: emails.Count,
            DuplicateEmails: emails.GroupBy(e => Company(e.Subject)).Count(g => g.Count() > 1),
            UnsentEmails: emails.Count(e => e.SentAt == null),
            Auditors: auditorEmails,
            PerAuditor: await reviews.Where(r => r.AuditorUserId != null).GroupBy(r => r.Auditor!.Email!)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
    }

    /// <summary>The bench company a subject names ("... Bench 0042 ..."): the trade names are unique.</summary>
    private static string Company(string subject)
    {
        var start = subject.IndexOf(BenchDatabase.CompanyPrefix, StringComparison.Ordinal);
        return subject.Substring(start, BenchDatabase.CompanyPrefix.Length + 4);
    }

    private sealed record Counts(
        int Submitted, int Reviews, int Assigned, int Complete, int DuplicateReviews, int AuditorEmails, int DuplicateEmails,
        int UnsentEmails, List<string> Auditors, Dictionary<string, int> PerAuditor);
}
