using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Companies;
using Certify.Domain.Reviews;
using Certify.Domain.Risk;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Risk;

/// <summary>A company drawn into a follow-up sample, as stored with the sample.</summary>
public sealed record RiskSampleItem(int CompanyId, string CompanyName, string Rfc, MexicanState State, string ProgramCode, int Score, int Weight, int ModelVersion);

/// <summary>A stored follow-up sample.</summary>
public sealed record RiskSampleView(
    long Id, string BodyName, int Requested, long Seed, int Candidates, DateTimeOffset DrawnAt, string? DrawnBy,
    string? ProgramCode, MexicanState? State, string? Topic, IReadOnlyList<RiskSampleItem> Items)
{
    /// <summary>Whether the viewer may download it (program admins, like every export).</summary>
    public bool CanExport { get; init; }
}

/// <summary>A sample as the ranking page lists it.</summary>
public sealed record RiskSampleLine(long Id, int Drawn, long Seed, DateTimeOffset DrawnAt);

/// <summary>What a sample request got: the stored sample, or why not.</summary>
public sealed record RiskSampleResult(long? SampleId, string? Error)
{
    public static RiskSampleResult Invalid(string error) => new(null, error);
}

/// <summary>
/// The certifying body's risk ranking, follow-up samples and model page data, for its active program admins and
/// auditors (everyone else — other bodies' staff, company users, the public — gets null, answered with 404 by the
/// pages and endpoints). Drawing samples and exporting are for program admins. Nothing here reaches a company or
/// the public: no company page, company export or public API reads these services.
/// </summary>
public sealed class RiskRankingService(
    IDbContextFactory<CertifyDbContext> dbFactory,
    TenantAccess access,
    QuestionnaireRegistry registry,
    RiskText text,
    TimeProvider clock)
{
    public const string ErrorSize = "SampleSize";
    public const string ErrorSeed = "SampleSeed";
    public const string ErrorNoCandidates = "NoCandidates";

    private static readonly JsonSerializerOptions Json = new();

    public async Task<RiskRanking?> GetAsync(int bodyId, RiskFilter filter, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var roles = await access.BodyRolesAsync(user, bodyId, ct);
        if (roles.Count == 0)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bodyName = await db.CertifyingBodies.Where(b => b.Id == bodyId).Select(b => b.Name).SingleAsync(ct);
        var programs = await ProgramsAsync(db, bodyId, ct);
        var topics = Topics(programs);
        var rows = await RowsAsync(db, bodyId, programs, filter, ct);
        return new RiskRanking(bodyName, programs.Select(p => p.Program).ToList(), topics, filter, rows, roles.Contains(BodyRole.ProgramAdmin));
    }

    /// <summary>Rows for the export: the same as the page, for program admins only.</summary>
    public async Task<IReadOnlyList<RiskRow>?> ExportRowsAsync(int bodyId, RiskFilter filter, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!(await access.BodyRolesAsync(user, bodyId, ct)).Contains(BodyRole.ProgramAdmin))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await RowsAsync(db, bodyId, await ProgramsAsync(db, bodyId, ct), filter, ct);
    }

    /// <summary>
    /// Draws <paramref name="count"/> companies of the filtered ranking with probability proportional to risk (never
    /// zero), with <paramref name="seed"/> or a fresh random one, stores the draw and audits it. Null unless the user
    /// is a program admin of the body.
    /// </summary>
    public async Task<RiskSampleResult?> DrawAsync(int bodyId, RiskFilter filter, int count, long? seed, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!(await access.BodyRolesAsync(user, bodyId, ct)).Contains(BodyRole.ProgramAdmin) || TenantAccess.UserId(user) is not { } userId)
        {
            return null;
        }

        if (seed is < 0)
        {
            return RiskSampleResult.Invalid(ErrorSeed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var programs = await ProgramsAsync(db, bodyId, ct);
        var candidates = (await RowsAsync(db, bodyId, programs, filter, ct))
            .OrderBy(r => r.CompanyId).ThenBy(r => r.Program.Id).ToList();
        if (candidates.Count == 0)
        {
            return RiskSampleResult.Invalid(ErrorNoCandidates);
        }

        if (count < 1 || count > Math.Min(candidates.Count, RiskSampler.MaxSample))
        {
            return RiskSampleResult.Invalid(ErrorSize);
        }

        var usedSeed = seed ?? RandomNumberGenerator.GetInt32(1, int.MaxValue);
        var drawn = RiskSampler.Draw(candidates.Select(c => c.Score).ToList(), count, (ulong)usedSeed)
            .Select(i => candidates[i])
            .Select(r => new RiskSampleItem(r.CompanyId, r.CompanyName, r.Rfc, r.State, r.Program.Code, r.Score, RiskSampler.Weight(r.Score), r.ModelVersion))
            .ToList();
        var program = programs.FirstOrDefault(p => p.Program.Code == filter.Program);
        var sample = new RiskSample
        {
            CertifyingBodyId = bodyId,
            ProgramId = program.Program?.Id,
            State = filter.State,
            Topic = filter.Topic,
            Requested = count,
            Seed = usedSeed,
            Candidates = candidates.Count,
            DrawnAt = clock.GetUtcNow(),
            DrawnByUserId = userId,
            ItemsJson = JsonSerializer.Serialize(drawn, Json),
        };
        db.RiskSamples.Add(sample);
        await AuditLog.SaveWithAuditAsync(db, () => AuditLog.Event(clock, AuditActor.From(user), AuditActions.RiskSampleDrawn, "RiskSample",
            sample.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { Requested = count, Seed = usedSeed, Candidates = candidates.Count, Program = filter.Program, State = filter.State, filter.Topic }, bodyId: bodyId), ct);
        return new RiskSampleResult(sample.Id, null);
    }

    /// <summary>A stored sample of the body; null for anyone but its program admins and auditors, or another body's sample.</summary>
    public async Task<RiskSampleView?> SampleAsync(int bodyId, long sampleId, ClaimsPrincipal user, CancellationToken ct)
    {
        var roles = await access.BodyRolesAsync(user, bodyId, ct);
        return roles.Count == 0 ? null : await SampleAsync(bodyId, sampleId, ct) is { } sample ? sample with { CanExport = roles.Contains(BodyRole.ProgramAdmin) } : null;
    }

    /// <summary>A stored sample of the body for its download: program admins only, like the other exports.</summary>
    public async Task<RiskSampleView?> SampleForExportAsync(int bodyId, long sampleId, ClaimsPrincipal user, CancellationToken ct) =>
        (await access.BodyRolesAsync(user, bodyId, ct)).Contains(BodyRole.ProgramAdmin) ? await SampleAsync(bodyId, sampleId, ct) : null;

    private async Task<RiskSampleView?> SampleAsync(int bodyId, long sampleId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sample = await db.RiskSamples.AsNoTracking()
            .Where(s => s.Id == sampleId && s.CertifyingBodyId == bodyId)
            .Select(s => new
            {
                s.Id, Body = s.CertifyingBody!.Name, s.Requested, s.Seed, s.Candidates, s.DrawnAt, s.ProgramId, s.State, s.Topic, s.ItemsJson,
                DrawnBy = db.Users.Where(u => u.Id == s.DrawnByUserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (sample is null)
        {
            return null;
        }

        var programCode = sample.ProgramId is { } programId ? await db.Programs.Where(p => p.Id == programId).Select(p => p.Code).SingleAsync(ct) : null;
        return new RiskSampleView(sample.Id, sample.Body, sample.Requested, sample.Seed, sample.Candidates, sample.DrawnAt, sample.DrawnBy,
            programCode, sample.State, sample.Topic, JsonSerializer.Deserialize<List<RiskSampleItem>>(sample.ItemsJson, Json) ?? []);
    }

    /// <summary>The body's five latest samples, newest first, in one query.</summary>
    public async Task<IReadOnlyList<RiskSampleLine>> RecentSamplesAsync(int bodyId, ClaimsPrincipal user, CancellationToken ct)
    {
        if ((await access.BodyRolesAsync(user, bodyId, ct)).Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RiskSamples.AsNoTracking().Where(s => s.CertifyingBodyId == bodyId)
            .OrderByDescending(s => s.DrawnAt).ThenByDescending(s => s.Id).Take(5)
            .Select(s => new RiskSampleLine(s.Id, s.Requested, s.Seed, s.DrawnAt))
            .ToListAsync(ct);
    }

    /// <summary>The model page's data: each program's current model, its history and back-test, and the average score by size and by state.</summary>
    public async Task<RiskModelOverview?> ModelAsync(int bodyId, ClaimsPrincipal user, CancellationToken ct)
    {
        if ((await access.BodyRolesAsync(user, bodyId, ct)).Count == 0)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bodyName = await db.CertifyingBodies.Where(b => b.Id == bodyId).Select(b => b.Name).SingleAsync(ct);
        var programs = await ProgramsAsync(db, bodyId, ct);
        var programIds = programs.Select(p => p.Program.Id).ToList();
        var versions = await db.RiskModelVersions.AsNoTracking().Where(m => programIds.Contains(m.ProgramId))
            .OrderByDescending(m => m.Version).ToListAsync(ct);
        var current = await RiskModels.CurrentAsync(db, programIds, ct);
        var models = programs.Select(p =>
        {
            var history = versions.Where(v => v.ProgramId == p.Program.Id).ToList();
            var latest = history.FirstOrDefault();
            return new RiskProgramModel(p.Program, current[p.Program.Id], latest?.TrainedAt, latest?.Observations ?? 0, latest?.Positives ?? 0,
                latest is null ? null : RiskModels.BackTest(latest),
                history.Take(10).Select(v => new RiskVersionLine(v.Version, v.Kind, v.TrainedAt, v.Observations)).ToList());
        }).ToList();
        var rows = await RowsAsync(db, bodyId, programs, RiskFilter.None, ct);
        var bySize = rows.GroupBy(r => r.Size).OrderBy(g => g.Key)
            .Select(g => new RiskAverage(text.Size(g.Key), g.Count(), g.Average(r => r.Score))).ToList();
        var byState = rows.GroupBy(r => r.State).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => new RiskAverage(MexicanStates.DisplayName(g.Key), g.Count(), g.Average(r => r.Score))).ToList();
        return new RiskModelOverview(bodyName, models, bySize, byState, rows.Count == 0 ? null : rows.Average(r => r.Score));
    }

    private async Task<List<(RiskProgram Program, int QuestionnaireVersionId)>> ProgramsAsync(CertifyDbContext db, int bodyId, CancellationToken ct) =>
        (await db.Programs.AsNoTracking().Where(p => p.CertifyingBodyId == bodyId).OrderBy(p => p.Code)
            .Select(p => new { p.Id, p.Code, p.QuestionnaireVersionId }).ToListAsync(ct))
        .Select(p => (new RiskProgram(p.Id, p.Code, registry.Program(p.Id).Name.Get(System.Globalization.CultureInfo.CurrentUICulture)), p.QuestionnaireVersionId))
        .ToList();

    private List<RiskTopic> Topics(List<(RiskProgram Program, int QuestionnaireVersionId)> programs) =>
        programs.SelectMany(p => registry.ForVersion(p.QuestionnaireVersionId).Sections)
            .GroupBy(s => s.Code).Select(g => new RiskTopic(g.Key, g.First().Title.Get(System.Globalization.CultureInfo.CurrentUICulture)))
            .ToList();

    private async Task<List<RiskRow>> RowsAsync(
        CertifyDbContext db, int bodyId, List<(RiskProgram Program, int QuestionnaireVersionId)> programs, RiskFilter filter, CancellationToken ct)
    {
        var chosen = filter.Program is null ? null : programs.FirstOrDefault(p => p.Program.Code == filter.Program).Program;
        if (filter.Program is not null && chosen is null)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        var models = await RiskModels.CurrentAsync(db, programs.Select(p => p.Program.Id).ToList(), ct);
        var points = RiskFactsQuery.Current(db, bodyId, chosen?.Id, now);
        if (filter.State is { } state)
        {
            points = points.Where(p => db.Companies.Any(c => c.Id == p.CompanyId && c.State == state));
        }

        var scored = await RiskModels.ScoreAsync(db, points, models, ct);
        var companyIds = scored.Select(s => s.Point.CompanyId).Distinct().ToList();
        var companies = await db.Companies.AsNoTracking().Where(c => companyIds.Contains(c.Id))
            .Select(c => new { c.Id, Name = c.TradeName ?? c.LegalName, c.Rfc, c.State, c.Workers })
            .ToDictionaryAsync(c => c.Id, ct);
        var open = await OpenByTopicAsync(db, bodyId, programs, ct);
        var topicNames = Topics(programs).ToDictionary(t => t.Code, t => t.Name, StringComparer.Ordinal);
        var rows = new List<RiskRow>();
        foreach (var s in scored)
        {
            var company = companies[s.Point.CompanyId];
            var program = programs.First(p => p.Program.Id == s.Point.ProgramId).Program;
            var byTopic = open.TryGetValue((s.Point.CompanyId, s.Point.ProgramId), out var t) ? t : new Dictionary<string, (int Major, int Any)>();
            if (filter.Topic is { } topic && !(byTopic.TryGetValue(topic, out var inTopic) && inTopic.Any > 0))
            {
                continue;
            }

            var majorByTopicName = byTopic.Where(kv => kv.Value.Major > 0)
                .ToDictionary(kv => topicNames.GetValueOrDefault(kv.Key, kv.Key), kv => kv.Value.Major, StringComparer.Ordinal);
            var reasons = s.Model.Raising(s.Features).Take(3)
                .Select(c => new RiskReason(c.Factor, text.Reason(c, s.Facts, now, majorByTopicName), c.LogOdds))
                .ToList();
            rows.Add(new RiskRow(company.Id, company.Name, company.Rfc, company.State,
                CompanySizes.FromWorkers(Math.Clamp(company.Workers, CompanySizes.MinWorkers, CompanySizes.MaxWorkers)), program,
                s.Score, s.Band, s.Model.Version, s.Model.Kind, reasons,
                byTopic.ToDictionary(kv => kv.Key, kv => kv.Value.Any, StringComparer.Ordinal))
            {
                Intercept = s.Model.Intercept,
                Contributions = RiskFeatures.Factors.Select(f => new RiskContribution(f, s.Features[(int)f], s.Model.Weights[(int)f] * s.Features[(int)f])).ToList(),
            });
        }

        return rows.OrderByDescending(r => r.Score).ThenBy(r => r.CompanyName, StringComparer.CurrentCulture).ThenBy(r => r.CompanyId).ToList();
    }

    /// <summary>Open non-conformities (minor or worse) by company, program and topic (the question's section), counted by the database.</summary>
    private async Task<Dictionary<(int CompanyId, int ProgramId), Dictionary<string, (int Major, int Any)>>> OpenByTopicAsync(
        CertifyDbContext db, int bodyId, List<(RiskProgram Program, int QuestionnaireVersionId)> programs, CancellationToken ct)
    {
        var counts = await (from a in db.Assessments
                            join f in db.Findings on a.Id equals f.AssessmentId
                            where a.Program!.CertifyingBodyId == bodyId && (f.Severity == FindingSeverity.Minor || f.Severity == FindingSeverity.Major || f.Severity == FindingSeverity.Critical) && f.Status != FindingStatus.Closed
                            group f by new { a.CompanyId, a.ProgramId, f.QuestionCode } into g
                            select new { g.Key.CompanyId, g.Key.ProgramId, g.Key.QuestionCode, Any = g.Count(), Major = g.Count(f => (f.Severity == FindingSeverity.Major || f.Severity == FindingSeverity.Critical)) })
            .ToListAsync(ct);
        var sectionOf = programs.ToDictionary(
            p => p.Program.Id,
            p => registry.ForVersion(p.QuestionnaireVersionId).Sections.SelectMany(s => s.Questions.Select(q => (q.Code, Section: s.Code)))
                .ToDictionary(x => x.Code, x => x.Section, StringComparer.Ordinal));
        return counts
            .GroupBy(c => (c.CompanyId, c.ProgramId))
            .ToDictionary(g => g.Key, g => g
                .GroupBy(c => sectionOf.TryGetValue(c.ProgramId, out var map) && map.TryGetValue(c.QuestionCode, out var section) ? section : c.QuestionCode.Split('-')[0])
                .ToDictionary(t => t.Key, t => (t.Sum(c => c.Major), t.Sum(c => c.Any)), StringComparer.Ordinal));
    }
}
