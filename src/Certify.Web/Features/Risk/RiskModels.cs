using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Risk;
using Certify.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Risk;

/// <summary>A company in a program, scored: its facts, inputs, score and the model version that gave it.</summary>
public sealed record ScoredPoint(RiskPoint Point, RiskFacts Facts, IReadOnlyList<double> Features, int Score, RiskModel Model)
{
    public RiskBand Band => RiskModel.Band(Score);
}

/// <summary>
/// The programs' risk models: the newest stored version of each scores, and version 0 — the documented expert
/// weights — until the retraining job has stored one. Training reads the program's decided reviews as the database
/// computes their facts, fits when there are at least <see cref="RiskModel.MinTrainingReviews"/>, and stores a new
/// version only when the data differ from the newest version's (the fingerprint is unique per program, so two nodes
/// running the job at once store it once).
/// </summary>
public sealed class RiskModels(IDbContextFactory<CertifyDbContext> dbFactory, TimeProvider clock, ILogger<RiskModels> logger)
{
    private static readonly JsonSerializerOptions Json = new();

    public static async Task<IReadOnlyDictionary<int, RiskModel>> CurrentAsync(CertifyDbContext db, IReadOnlyCollection<int> programIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = await db.RiskModelVersions.AsNoTracking()
            .Where(m => programIds.Contains(m.ProgramId)
                && m.Version == db.RiskModelVersions.Where(n => n.ProgramId == m.ProgramId).Max(n => n.Version))
            .ToListAsync(ct);
        return programIds.ToDictionary(id => id, id => stored.FirstOrDefault(m => m.ProgramId == id) is { } m ? Read(m) : RiskModel.Expert(0));
    }

    public static RiskModel Read(RiskModelVersion stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var weights = JsonSerializer.Deserialize<Dictionary<string, double>>(stored.WeightsJson, Json) ?? [];
        return RiskModel.FromNamed(stored.Version, stored.Kind, stored.Intercept, weights);
    }

    public static RiskBackTestResult? BackTest(RiskModelVersion stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.BackTestJson is { } json ? JsonSerializer.Deserialize<RiskBackTestResult>(json, Json) : null;
    }

    /// <summary>Scores the points with their program's model; the facts come from the database in one query.</summary>
    public static async Task<IReadOnlyList<ScoredPoint>> ScoreAsync(
        CertifyDbContext db, IQueryable<RiskPoint> points, IReadOnlyDictionary<int, RiskModel> models, CancellationToken ct)
    {
        var facts = await RiskFactsQuery.Facts(db, points).AsNoTracking().ToListAsync(ct);
        return facts.Select(f =>
        {
            var model = models.TryGetValue(f.Point.ProgramId, out var m) ? m : RiskModel.Expert(0);
            var features = RiskFeatures.From(f.Facts, f.Point.AsOf);
            return new ScoredPoint(f.Point, f.Facts, features, model.Score(features), model);
        }).ToList();
    }

    /// <summary>The observations the program's model learns from: every decided review with what was known when it started.</summary>
    public static async Task<IReadOnlyList<RiskObservation>> ObservationsAsync(CertifyDbContext db, int programId, CancellationToken ct)
    {
        var facts = await RiskFactsQuery.Facts(db, RiskFactsQuery.Training(db, programId)).AsNoTracking().ToListAsync(ct);
        return facts.OrderBy(f => f.Point.AsOf).ThenBy(f => f.Point.ReviewId)
            .Select(f => new RiskObservation(f.Point.AsOf, RiskFeatures.From(f.Facts, f.Point.AsOf), f.Point.MajorFinding))
            .ToList();
    }

    /// <summary>Retrains every program; returns how many new versions were stored.</summary>
    public async Task<int> TrainAllAsync(CancellationToken ct)
    {
        List<int> programs;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            programs = await db.Programs.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        }

        var stored = 0;
        foreach (var program in programs)
        {
            stored += await TrainAsync(program, ct) is null ? 0 : 1;
        }

        return stored;
    }

    /// <summary>Fits the program's model on its history; the new version, or null when the data have not changed.</summary>
    public async Task<RiskModelVersion?> TrainAsync(int programId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var observations = await ObservationsAsync(db, programId, ct);
        var fingerprint = Fingerprint(observations);
        if (await db.RiskModelVersions.AnyAsync(m => m.ProgramId == programId && m.Fingerprint == fingerprint, ct))
        {
            return null;
        }

        var trained = observations.Count >= RiskModel.MinTrainingReviews
            && observations.Any(o => o.MajorFinding) && observations.Any(o => !o.MajorFinding);
        var (intercept, weights) = trained
            ? LogisticFitter.Fit(observations.Select(o => o.Features).ToList(), observations.Select(o => o.MajorFinding).ToList())
            : (RiskModel.ExpertIntercept, RiskModel.Expert(0).Weights.ToArray());
        var version = (await db.RiskModelVersions.Where(m => m.ProgramId == programId).MaxAsync(m => (int?)m.Version, ct) ?? 0) + 1;
        var model = new RiskModel(version, trained ? RiskModelKind.Trained : RiskModelKind.Expert, intercept, weights);
        var backTest = trained ? RiskBackTest.Run(observations) : null;
        var row = new RiskModelVersion
        {
            ProgramId = programId,
            Version = version,
            Kind = model.Kind,
            TrainedAt = clock.GetUtcNow(),
            Observations = observations.Count,
            Positives = observations.Count(o => o.MajorFinding),
            Intercept = model.Intercept,
            WeightsJson = JsonSerializer.Serialize(model.NamedWeights(), Json),
            BackTestJson = backTest is null ? null : JsonSerializer.Serialize(backTest, Json),
            Fingerprint = fingerprint,
        };
        db.RiskModelVersions.Add(row);
        var bodyId = await db.Programs.Where(p => p.Id == programId).Select(p => p.CertifyingBodyId).SingleAsync(ct);
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.System, AuditActions.RiskModelStored, "RiskModel",
            $"{programId}:{version}", new { Version = version, Kind = model.Kind, Observations = observations.Count }, bodyId: bodyId));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node stored this version (or these data) first; theirs stands.
            return null;
        }

        logger.LogInformation("Risk model {Version} ({Kind}) stored for program {ProgramId} from {Observations} reviews",
            version, model.Kind, programId, observations.Count);
        return row;
    }

    private static string Fingerprint(IReadOnlyList<RiskObservation> observations)
    {
        var text = new StringBuilder();
        foreach (var o in observations)
        {
            text.Append(o.At.UtcTicks).Append(':').Append(o.MajorFinding ? 1 : 0);
            foreach (var value in o.Features)
            {
                text.Append(',').Append(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }

            text.Append(';');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
