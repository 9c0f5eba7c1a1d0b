using System.Globalization;
using System.Text.Json.Nodes;
using Certify.Web.Features.Shared;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Companies;
using Certify.Domain.Questionnaires;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Assessments;
using Certify.Web.Features.Audit;
using Certify.Web.Infrastructure;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Certify.Cluster.Tests;

/// <summary>
/// The routing part of the proof, as bench/routing does it on one node: companies with a complete, compliant DRL-AUTO
/// draft (rows written directly), each submitted as <c>AssessmentService.SubmitAsync</c> does (state and audit row in
/// one commit, then <see cref="SubmissionReceivedJob"/> enqueued into the cluster's Hangfire storage), and the counts
/// of what the nodes made of them.
/// </summary>
public sealed class ClusterSubmissions(ClusterFixture cluster)
{
    /// <summary>Cluster companies are "Cluster 0001" and so on; their auditors are auditor-N@cluster.example.</summary>
    public const string CompanyPrefix = "Cluster ";

    private const string AuditorDomain = "@cluster.example";
    private const string ProgramCode = "DRL-AUTO";
    private const string BodySlug = "capb-demo";

    /// <summary>The jobs a submission goes through: received (and routed), then the e-mails.</summary>
    private static readonly string[] PipelineJobs = [nameof(SubmissionReceivedJob), nameof(Certify.Web.Features.Reviews.RouteSubmissionJob), nameof(Certify.Web.Infrastructure.Email.SendEmailJob)];

    public async Task PrepareAsync(int submissions, int auditors)
    {
        await using var db = cluster.Db();
        var program = await db.Programs.AsNoTracking().Include(p => p.QuestionnaireVersion).SingleAsync(p => p.Code == ProgramCode);
        var bodyId = await db.CertifyingBodies.Where(b => b.Slug == BodySlug).Select(b => b.Id).SingleAsync();
        var (answers, evidence) = SampleAnswers.Fill(Load(program.QuestionnaireVersion!.Json), DateOnly.FromDateTime(DateTime.UtcNow));
        var now = DateTimeOffset.UtcNow;

        for (var i = 1; i <= auditors; i++)
        {
            var auditor = User($"auditor-{i}{AuditorDomain}", now);
            db.Users.Add(auditor);
            db.BodyMemberships.Add(new BodyMembership { CertifyingBodyId = bodyId, UserId = auditor.Id, Role = BodyRole.Auditor, CreatedAt = now });
        }

        await db.SaveChangesAsync();

        for (var n = 1; n <= submissions; n++)
        {
            var owner = User($"owner-{n}@cluster-company.example", now);
            var company = new Company
            {
                LegalName = $"{CompanyPrefix}{n:D4}, S.A. de C.V.",
                TradeName = $"{CompanyPrefix}{n:D4}",
                Rfc = $"CLU250101{n:X3}",
                State = MexicanState.Guanajuato,
                Municipality = "León",
                Workers = 5 + (n * 37 % 400),
                Tier = AutoPartsTier.Tier2,
                CreatedAt = now,
                UpdatedAt = now,
                Version = Guid.NewGuid(),
            };
            db.Users.Add(owner);
            db.Companies.Add(company);
            await db.SaveChangesAsync();
            db.CompanyMemberships.Add(new CompanyMembership { CompanyId = company.Id, UserId = owner.Id, Role = CompanyRole.Owner, CreatedAt = now });
            var assessment = new Assessment
            {
                CompanyId = company.Id,
                ProgramId = program.Id,
                QuestionnaireVersionId = program.QuestionnaireVersionId,
                State = AssessmentState.Draft,
                CreatedAt = now,
                CreatedByUserId = owner.Id,
                OpenSlot = Assessment.SlotFor(company.Id, program.Id),
                Version = Guid.NewGuid(),
            };
            assessment.Answers.AddRange(answers.Select(a => new Answer
            {
                QuestionCode = a.Key,
                ValueJson = AnswerJson.Serialize(a.Value),
                Version = 1,
                UpdatedAt = now,
                UpdatedByUserId = owner.Id,
            }));
            assessment.Evidence.AddRange(evidence.Select(code => new EvidenceFile
            {
                QuestionCode = code,
                FileName = $"{code}.pdf",
                StorageKey = $"cluster/{n}/{code}.pdf",
                ContentType = "application/pdf",
                Size = 1024,
                Sha256 = new string('0', 64),
                UploadedAt = now,
                UploadedByUserId = owner.Id,
            }));
            db.Assessments.Add(assessment);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Submits every prepared draft; the nodes' Hangfire servers pick the jobs up as they are enqueued.</summary>
    public async Task SubmitAllAsync()
    {
        var options = HangfireSetup.PostgreSqlStorageOptions(new JobOptions());
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(cluster.ConnectionString, options), options);
        var jobs = new BackgroundJobClient(storage);
        List<int> ids;
        await using (var db = cluster.Db())
        {
            ids = await db.Assessments.Where(a => a.State == AssessmentState.Draft && a.Company!.TradeName!.StartsWith(CompanyPrefix))
                .OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        }

        foreach (var id in ids)
        {
            await using var db = cluster.Db();
            var assessment = await db.Assessments.SingleAsync(a => a.Id == id);
            var from = assessment.State;
            assessment.Fire(AssessmentTrigger.Submit, WorkflowActor.CompanyMember);
            assessment.SubmittedAt = DateTimeOffset.UtcNow;
            assessment.SubmittedByUserId = assessment.CreatedByUserId;
            assessment.Version = Guid.NewGuid();
            db.AuditEvents.Add(AuditLog.Event(TimeProvider.System, new AuditActor(assessment.CreatedByUserId, "cluster test"), AuditActions.AssessmentSubmitted,
                nameof(Assessment), id.ToString(CultureInfo.InvariantCulture),
                new { From = from, To = assessment.State, Submission = assessment.SubmissionCount }, companyId: assessment.CompanyId));
            await db.SaveChangesAsync();
            jobs.Enqueue<SubmissionReceivedJob>(job => job.RunAsync(id, CancellationToken.None));
        }
    }

    /// <summary>Waits (polling the database) until <paramref name="target"/> submissions are routed and their auditor e-mail sent.</summary>
    public async Task<RoutingCounts> WaitForCompleteAsync(int target, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var counts = await CountAsync();
            if (counts.Complete >= target)
            {
                return counts;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{counts.Complete} of {target} submissions routed and e-mailed after {timeout.TotalSeconds:0} s: {counts}\n{cluster.Logs()}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Waits until Hangfire has no job enqueued, processing or scheduled for a retry.</summary>
    public async Task<JobCounts> WaitForQuietAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var jobs = await JobsAsync();
            if (jobs.Enqueued == 0 && jobs.Processing == 0 && jobs.Scheduled == 0)
            {
                return jobs;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Hangfire still busy after {timeout.TotalSeconds:0} s: {jobs}\n{cluster.Logs()}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The e-mail addresses of every auditor (the demo body's own and the ones added here).</summary>
    public async Task<List<string>> AuditorsAsync()
    {
        await using var db = cluster.Db();
        return await db.BodyMemberships.AsNoTracking().Where(m => m.Role == BodyRole.Auditor).Select(m => m.User!.Email!).Distinct().ToListAsync();
    }

    public async Task<RoutingCounts> CountAsync()
    {
        await using var db = cluster.Db();
        var submissions = db.Assessments.AsNoTracking()
            .Where(a => a.Company!.TradeName!.StartsWith(CompanyPrefix) && a.SubmissionCount > 0);
        var reviews = db.Reviews.AsNoTracking().Where(r => submissions.Any(a => a.Id == r.AssessmentId));
        var auditors = await AuditorsAsync();
        var emails = await db.OutboundEmails.AsNoTracking()
            .Where(e => auditors.Contains(e.To) && e.Subject.Contains(CompanyPrefix))
            .Select(e => new { e.Subject, e.SentAt }).ToListAsync();
        var sent = emails.Where(e => e.SentAt != null).Select(e => CompanyIn(e.Subject)).ToHashSet(StringComparer.Ordinal);
        var emailed = await reviews.Where(r => r.AuditorUserId != null && r.EmailedAt != null)
            .Select(r => r.Assessment!.Company!.TradeName!).ToListAsync();
        return new RoutingCounts(
            Submitted: await submissions.CountAsync(),
            Reviews: await reviews.CountAsync(),
            Complete: emailed.Count(sent.Contains),
            DuplicateReviews: await reviews.GroupBy(r => new { r.AssessmentId, r.SubmissionNumber }).CountAsync(g => g.Count() > 1),
            AuditorEmails: emails.Count,
            DuplicateEmails: emails.GroupBy(e => CompanyIn(e.Subject)).Count(g => g.Count() > 1),
            UnsentEmails: emails.Count(e => e.SentAt == null));
    }

    /// <summary>Hangfire's own record: jobs by state, and which server (node process) took each job, from the Processing states.</summary>
    public async Task<JobCounts> JobsAsync()
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        var byState = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand($"SELECT statename, count(*) FROM {HangfireSetup.PostgreSqlSchema}.job GROUP BY statename", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                byState[reader.IsDBNull(0) ? "" : reader.GetString(0)] = (int)reader.GetInt64(1);
            }
        }

        var takenBy = new Dictionary<int, int>();
        var retries = 0;
        var failedStates = 0;
        var otherRetries = 0;
        await using (var command = new NpgsqlCommand(
            $"SELECT s.name, s.reason, s.data::text, j.invocationdata::text FROM {HangfireSetup.PostgreSqlSchema}.state s JOIN {HangfireSetup.PostgreSqlSchema}.job j ON j.id = s.jobid",
            connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var name = reader.GetString(0);
                var reason = reader.IsDBNull(1) ? "" : reader.GetString(1);
                if (name == "Failed")
                {
                    failedStates++;
                }

                if (reason.StartsWith("Retry attempt", StringComparison.Ordinal))
                {
                    var invocation = reader.GetString(3);
                    if (PipelineJobs.Any(job => invocation.Contains(job, StringComparison.Ordinal)))
                    {
                        retries++;
                    }
                    else
                    {
                        otherRetries++;
                    }
                }

                if (name == "Processing" && !reader.IsDBNull(2) && JsonNode.Parse(reader.GetString(2))?["ServerId"]?.GetValue<string>() is { } serverId)
                {
                    // Hangfire names a server "{machine}:{process id}:{guid}".
                    var pid = int.Parse(serverId.Split(':')[1], CultureInfo.InvariantCulture);
                    takenBy[pid] = takenBy.GetValueOrDefault(pid) + 1;
                }
            }
        }

        return new JobCounts(
            Succeeded: byState.GetValueOrDefault("Succeeded"),
            Failed: byState.GetValueOrDefault("Failed"),
            Enqueued: byState.GetValueOrDefault("Enqueued"),
            Processing: byState.GetValueOrDefault("Processing"),
            Scheduled: byState.GetValueOrDefault("Scheduled"),
            FailedStates: failedStates,
            PipelineRetries: retries,
            OtherRetries: otherRetries,
            TakenByProcess: takenBy);
    }

    /// <summary>
    /// Jobs a killed process had taken and another process took again afterwards, with when that happened (UTC):
    /// the jobs the kill interrupted, and how long they waited for the invisibility timeout.
    /// </summary>
    public async Task<IReadOnlyList<DateTime>> RetakenAsync(int killedProcessId)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        var taken = new List<(long Job, int Pid, DateTime At)>();
        await using (var command = new NpgsqlCommand($"SELECT jobid, data::text, createdat FROM {HangfireSetup.PostgreSqlSchema}.state WHERE name = 'Processing'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (JsonNode.Parse(reader.GetString(1))?["ServerId"]?.GetValue<string>() is { } serverId)
                {
                    taken.Add((reader.GetInt64(0), int.Parse(serverId.Split(':')[1], CultureInfo.InvariantCulture), reader.GetDateTime(2)));
                }
            }
        }

        return taken.GroupBy(t => t.Job)
            .Where(g => g.Any(t => t.Pid == killedProcessId))
            .Select(g => g.Where(t => t.Pid != killedProcessId && t.At > g.Where(k => k.Pid == killedProcessId).Max(k => k.At)).Select(t => t.At).ToList())
            .Where(later => later.Count > 0)
            .Select(later => later.Min())
            .ToList();
    }

    /// <summary>The cluster company a subject names ("… Cluster 0042 …"): the trade names are unique.</summary>
    private static string CompanyIn(string subject)
    {
        var start = subject.IndexOf(CompanyPrefix, StringComparison.Ordinal);
        return subject.Substring(start, CompanyPrefix.Length + 4);
    }

    private static QuestionnaireDefinition Load(string json)
    {
        var schema = Path.Combine(AppContext.BaseDirectory, "seed", "questionnaires", "questionnaire.schema.json");
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var result = QuestionnaireLoader.Load(stream, "cluster", File.ReadAllText(schema));
        return result.Definition ?? throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
    }

    private static ApplicationUser User(string email, DateTimeOffset now) => new()
    {
        UserName = email,
        NormalizedUserName = email.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        EmailConfirmed = true,
        DisplayName = email.Split('@')[0],
        SecurityStamp = Guid.NewGuid().ToString("N"),
        CreatedAt = now,
    };
}

public sealed record RoutingCounts(int Submitted, int Reviews, int Complete, int DuplicateReviews, int AuditorEmails, int DuplicateEmails, int UnsentEmails);

public sealed record JobCounts(
    int Succeeded, int Failed, int Enqueued, int Processing, int Scheduled, int FailedStates, int PipelineRetries, int OtherRetries,
    IReadOnlyDictionary<int, int> TakenByProcess)
{
    public override string ToString() =>
        $"succeeded {Succeeded}, failed {Failed}, enqueued {Enqueued}, processing {Processing}, scheduled {Scheduled}, failed states {FailedStates}, "
        + $"retries of the submission pipeline {PipelineRetries}, other retries {OtherRetries}, "
        + $"taken by process [{string.Join(", ", TakenByProcess.Select(p => $"{p.Key}: {p.Value}"))}]";
}
