using Certify.Data;
using Certify.Domain.Auditing;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Audit;

/// <summary>
/// Chains unsealed audit rows onto the trail in insertion (Id) order, in bounded batches, each batch in a transaction
/// of its own. Safe with any number of sealers at once (two nodes, the recurring job and an admin's verification):
/// a row is sealed only if it is still unsealed (<see cref="Certify.Data.Entities.AuditEvent.Sequence"/> is a concurrency
/// token) and the unique Sequence and PreviousHash indexes refuse a fork, so the loser's batch rolls back and it
/// starts again from the new head. No lock is held between batches.
/// </summary>
public sealed class AuditSealer(IDbContextFactory<CertifyDbContext> dbFactory, ILogger<AuditSealer> logger)
{
    public const int BatchSize = 500;
    private const int MaxCollisions = 10;

    /// <summary>
    /// Seals every row that was unsealed when the call started (rows saved meanwhile wait for the next run) and
    /// returns how many rows this call sealed.
    /// </summary>
    public async Task<int> SealAsync(CancellationToken ct)
    {
        long upTo;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            upTo = await db.AuditEvents.Where(e => e.Sequence == null).MaxAsync(e => (long?)e.Id, ct) ?? 0;
        }

        var total = 0;
        var collisions = 0;
        while (true)
        {
            int sealedNow;
            try
            {
                sealedNow = await SealBatchAsync(upTo, ct);
            }
            catch (DbUpdateException e) when (++collisions < MaxCollisions)
            {
                logger.LogInformation(e, "Another sealer chained audit rows first (collision {Collision}); starting again from the new head", collisions);
                continue;
            }

            if (sealedNow == 0)
            {
                return total;
            }

            total += sealedNow;
        }
    }

    private async Task<int> SealBatchAsync(long upTo, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var batch = await db.AuditEvents.Where(e => e.Sequence == null && e.Id <= upTo).OrderBy(e => e.Id).Take(BatchSize).ToListAsync(ct);
        if (batch.Count == 0)
        {
            return 0;
        }

        var head = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence != null).OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? AuditChain.GenesisHash;
        foreach (var audit in batch)
        {
            audit.Sequence = ++sequence;
            audit.PreviousHash = previous;
            audit.Hash = AuditChain.ComputeHash(previous, audit.OccurredAt, audit.UserId, audit.Action, audit.EntityType, audit.EntityId, audit.Details);
            previous = audit.Hash;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return batch.Count;
    }
}

/// <summary>Recurring job (id <see cref="Id"/>, every minute) that seals the audit rows saved since its last run.</summary>
public sealed class AuditSealJob(AuditSealer sealer)
{
    public const string Id = "audit-seal";

    public async Task RunAsync(CancellationToken ct) => await sealer.SealAsync(ct);
}
