using System.Data.Common;
using System.Diagnostics;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Web.Features.Audit;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Audit;

/// <summary>
/// Audited saves against the real context on a real SQLite file: no process lock, no SQLITE_LOCKED, and a chain the
/// sealer builds afterwards that verification checks. Each test has a database of its own, because some break it.
/// </summary>
public sealed class AuditSealerTests : IDisposable
{
    /// <summary>Three kinds of audited write, each recorded under a real action code.</summary>
    private static readonly string[] Kinds = [AuditActions.EvidenceUploaded, AuditActions.FindingRecorded, AuditActions.CompanyProfileUpdated];

    private readonly CertifyWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Save_VerdictWhileAnotherSaveHoldsItsTransactionBeforeItsAuditedSave_BothComplete()
    {
        var services = _factory.Services;
        var dbFactory = services.GetRequiredService<IDbContextFactory<CertifyDbContext>>();
        var clock = services.GetRequiredService<TimeProvider>();

        // The upload's order: open a transaction and write before the audited save.
        await using var upload = await dbFactory.CreateDbContextAsync();
        await using var transaction = await upload.Database.BeginTransactionAsync();
        var company = await upload.Companies.OrderBy(c => c.Id).FirstAsync();
        company.UpdatedAt = clock.GetUtcNow();
        await upload.SaveChangesAsync();

        // The auditor's verdict starts its save (and needs the write lock) while the upload still holds it.
        var starting = new TransactionStartingSignal();
        var options = new DbContextOptionsBuilder<CertifyDbContext>(services.GetRequiredService<DbContextOptions<CertifyDbContext>>())
            .AddInterceptors(starting).Options;
        var verdict = Task.Run(async () =>
        {
            await using var db = new CertifyDbContext(options);
            var finding = await db.Findings.OrderBy(f => f.Id).FirstAsync();
            finding.Comment = "Veredicto guardado mientras se sube evidencia.";
            db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.System, AuditActions.FindingRecorded, nameof(Finding), finding.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            starting.Armed = true;
            await db.SaveChangesAsync();
        });
        await Task.WhenAny(starting.Started.Task, verdict);

        upload.AuditEvents.Add(AuditLog.Event(clock, AuditActor.System, AuditActions.EvidenceUploaded, nameof(EvidenceFile), "1"));
        await upload.SaveChangesAsync();
        await transaction.CommitAsync();
        await verdict;

        Assert.Equal(2, await _factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.FindingRecorded || e.Action == AuditActions.EvidenceUploaded)));
        var verification = await VerifyAsync();
        Assert.True(verification.Chain.IsValid, verification.Chain.Reason);
    }

    [Fact]
    public async Task Save_TwentyConcurrentAuditedWritesOfMixedKinds_CompleteInUnderTwoSecondsAndTheSealedChainVerifies()
    {
        var dbFactory = _factory.Services.GetRequiredService<IDbContextFactory<CertifyDbContext>>();
        var clock = _factory.Services.GetRequiredService<TimeProvider>();
        var companyIds = await _factory.WithDbAsync(db => db.Companies.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
        var before = await _factory.WithDbAsync(db => db.AuditEvents.CountAsync());

        async Task WriteAsync(int n)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var audit = AuditLog.Event(clock, AuditActor.System, Kinds[n % 3], "Test", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            switch (n % 3)
            {
                case 0:
                    // Transaction first, a write, then the audited save (the evidence upload's order).
                    await using (var transaction = await db.Database.BeginTransactionAsync())
                    {
                        var company = await db.Companies.SingleAsync(c => c.Id == companyIds[n % companyIds.Count]);
                        company.UpdatedAt = clock.GetUtcNow();
                        await db.SaveChangesAsync();
                        db.AuditEvents.Add(audit);
                        await db.SaveChangesAsync();
                        await transaction.CommitAsync();
                    }

                    break;
                case 1:
                    // A change and its audit row in one save (a verdict's order).
                    var other = await db.Companies.SingleAsync(c => c.Id == companyIds[n % companyIds.Count]);
                    other.TradeName = $"Nombre {n}";
                    db.AuditEvents.Add(audit);
                    await db.SaveChangesAsync();
                    break;
                default:
                    db.AuditEvents.Add(audit);
                    await db.SaveChangesAsync();
                    break;
            }
        }

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(n => Task.Run(() => WriteAsync(n))));
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"20 audited writes took {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(before + 20, await _factory.WithDbAsync(db => db.AuditEvents.CountAsync()));
        var verification = await VerifyAsync();
        Assert.True(verification.Chain.IsValid, verification.Chain.Reason);
        Assert.Equal(before + 20, verification.Sealed);
        Assert.Equal(0, verification.NotYetSealed);
    }

    [Fact]
    public async Task Seal_TwoSealersAtOnceThenAgain_SealEveryRowOnceInInsertionOrder()
    {
        await AddUnsealedAsync(AuditSealer.BatchSize + 20);
        var total = await _factory.WithDbAsync(db => db.AuditEvents.CountAsync());

        var sealedCounts = await Task.WhenAll(Task.Run(SealAsync), Task.Run(SealAsync));
        var again = await SealAsync();

        Assert.Equal(total, sealedCounts.Sum());
        Assert.Equal(0, again);
        var chain = await _factory.WithDbAsync(db => db.AuditEvents.OrderBy(e => e.Id).Select(e => e.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long?)i), chain);
        Assert.True((await VerifyAsync()).Chain.IsValid);
    }

    [Fact]
    public async Task Verify_RowsSavedAfterTheLastSeal_AreSealedFirstAndCounted()
    {
        await AddUnsealedAsync(3);
        Assert.True(await _factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Sequence == null && e.Hash == null)));

        var verification = await VerifyAsync();

        Assert.True(verification.Chain.IsValid);
        Assert.Equal(await _factory.WithDbAsync(db => db.AuditEvents.LongCountAsync()), verification.Sealed);
        Assert.Equal(0, verification.NotYetSealed);
    }

    [Fact]
    public async Task Verify_SealedRowEdited_IsBrokenAtThatRow()
    {
        var ids = await SealedTrailAsync();

        await TamperAsync(db => db.AuditEvents.Where(e => e.Id == ids[2]).ExecuteUpdateAsync(u => u.SetProperty(e => e.Details, "edited")));

        var verification = await VerifyAsync();
        Assert.False(verification.Chain.IsValid);
        Assert.Equal(ids[2], verification.Chain.BrokenAtId);
    }

    [Fact]
    public async Task Verify_SealedRowDeleted_IsBrokenAtTheRowAfterIt()
    {
        var ids = await SealedTrailAsync();

        await TamperAsync(db => db.AuditEvents.Where(e => e.Id == ids[2]).ExecuteDeleteAsync());

        var verification = await VerifyAsync();
        Assert.False(verification.Chain.IsValid);
        Assert.Equal(ids[3], verification.Chain.BrokenAtId);
    }

    [Fact]
    public async Task Verify_SealedRowsReordered_IsBrokenAtTheFirstMovedRow()
    {
        var ids = await SealedTrailAsync();
        var (first, second) = await _factory.WithDbAsync(async db =>
            (await db.AuditEvents.SingleAsync(e => e.Id == ids[1]), await db.AuditEvents.SingleAsync(e => e.Id == ids[2])));

        await TamperAsync(db => db.AuditEvents.Where(e => e.Id == ids[1]).ExecuteUpdateAsync(u => u.SetProperty(e => e.Sequence, (long?)-1)));
        await TamperAsync(db => db.AuditEvents.Where(e => e.Id == ids[2]).ExecuteUpdateAsync(u => u.SetProperty(e => e.Sequence, first.Sequence)));
        await TamperAsync(db => db.AuditEvents.Where(e => e.Id == ids[1]).ExecuteUpdateAsync(u => u.SetProperty(e => e.Sequence, second.Sequence)));

        var verification = await VerifyAsync();
        Assert.False(verification.Chain.IsValid);
        Assert.Equal(ids[2], verification.Chain.BrokenAtId);
    }

    [Fact]
    public async Task Save_FindingChangedSinceItWasRead_FailsWithAConcurrencyConflict()
    {
        var dbFactory = _factory.Services.GetRequiredService<IDbContextFactory<CertifyDbContext>>();
        await using var auditor = await dbFactory.CreateDbContextAsync();
        await using var company = await dbFactory.CreateDbContextAsync();
        var id = await auditor.Findings.OrderBy(f => f.Id).Select(f => f.Id).FirstAsync();
        var seenByAuditor = await auditor.Findings.SingleAsync(f => f.Id == id);
        var seenByCompany = await company.Findings.SingleAsync(f => f.Id == id);

        seenByCompany.CorrectiveAction = "Plan de la empresa";
        await company.SaveChangesAsync();
        seenByAuditor.Comment = "Veredicto sobre lo que ya no es";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => auditor.SaveChangesAsync());
    }

    private async Task<AuditTrailVerification> VerifyAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditTrailService>().VerifyAsync(CancellationToken.None);
    }

    private async Task<int> SealAsync() =>
        await _factory.Services.GetRequiredService<AuditSealer>().SealAsync(CancellationToken.None);

    private async Task AddUnsealedAsync(int count) => await _factory.WithDbAsync(async db =>
    {
        var clock = _factory.Services.GetRequiredService<TimeProvider>();
        for (var n = 0; n < count; n++)
        {
            db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.System, AuditActions.CompanyProfileUpdated, "Test", n.ToString(System.Globalization.CultureInfo.InvariantCulture), new { n }));
        }

        await db.SaveChangesAsync();
    });

    /// <summary>Five more rows, all sealed; returns their ids in chain order.</summary>
    private async Task<List<long>> SealedTrailAsync()
    {
        await AddUnsealedAsync(5);
        await SealAsync();
        Assert.True((await VerifyAsync()).Chain.IsValid);
        var newestFirst = await _factory.WithDbAsync(db => db.AuditEvents.OrderByDescending(e => e.Sequence).Take(5).Select(e => e.Id).ToListAsync());
        newestFirst.Reverse();
        return newestFirst;
    }

    /// <summary>Changes the trail behind the app's back, as someone with write access to the database would.</summary>
    private async Task TamperAsync(Func<CertifyDbContext, Task<int>> change) => await _factory.WithDbAsync(change);

    /// <summary>Completes <see cref="Started"/> when an armed context is about to begin its save's transaction.</summary>
    private sealed class TransactionStartingSignal : DbTransactionInterceptor
    {
        public bool Armed { get; set; }

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (Armed)
            {
                Started.TrySetResult();
            }

            return ValueTask.FromResult(result);
        }
    }
}
