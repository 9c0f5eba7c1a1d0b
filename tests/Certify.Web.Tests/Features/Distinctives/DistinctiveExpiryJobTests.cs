using Certify.Data.Entities;
using Certify.Domain.Companies;
using Certify.Web.Features.Distinctives;
using Certify.Web.Features.Notifications;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Distinctives;

/// <summary>Expiry warnings 60, 30 and 7 days ahead, each once, on the real SQLite database with a hand-set clock.</summary>
public sealed class DistinctiveExpiryJobTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    /// <summary>08:00 in Mexico City.</summary>
    private static readonly DateTimeOffset Morning = new(2031, 3, 1, 14, 0, 0, TimeSpan.Zero);

    private static int _sequence;

    [Fact]
    public async Task Run_WarnsAtEachThresholdOnceAndNeverAfterExpiryOrRevocation()
    {
        var (owner, distinctiveId) = await DistinctiveAsync("Vence Pronto", validUntil: Morning.AddDays(45));
        var (revokedOwner, _) = await DistinctiveAsync("Vence Revocado", validUntil: Morning.AddDays(45), revoked: true);

        await RunAsync(Morning);
        await RunAsync(Morning.AddHours(2));
        var afterSixtyDayWindow = await KeysAsync(owner.UserId);
        await RunAsync(Morning.AddDays(16));
        await RunAsync(Morning.AddDays(40));
        await RunAsync(Morning.AddDays(41));
        await RunAsync(Morning.AddDays(60));

        Assert.Equal([$"distinctive-expiring:{distinctiveId}:60"], afterSixtyDayWindow);
        Assert.Equal(
            [$"distinctive-expiring:{distinctiveId}:30", $"distinctive-expiring:{distinctiveId}:60", $"distinctive-expiring:{distinctiveId}:7"],
            (await KeysAsync(owner.UserId)).Order(StringComparer.Ordinal));
        Assert.Equal(3, await factory.WithDbAsync(db => db.OutboundEmails.CountAsync(e => e.To == owner.Email && e.Subject.StartsWith("Distintivo por vencer"))));
        Assert.Empty(await KeysAsync(revokedOwner.UserId));
    }

    private async Task RunAsync(DateTimeOffset at)
    {
        var clock = new TestClock(at);
        await using var scope = factory.Services.CreateAsyncScope();
        var notifier = ActivatorUtilities.CreateInstance<Notifier>(scope.ServiceProvider, (TimeProvider)clock);
        await ActivatorUtilities.CreateInstance<DistinctiveExpiryJob>(scope.ServiceProvider, notifier, (TimeProvider)clock).RunAsync(CancellationToken.None);
    }

    private Task<List<string>> KeysAsync(string userId) =>
        factory.WithDbAsync(db => db.Notifications.Where(n => n.UserId == userId && n.Kind == nameof(NotificationKind.DistinctiveExpiring))
            .Select(n => n.DedupeKey).ToListAsync());

    /// <summary>A distinctive row for a new company's submitted assessment, valid until <paramref name="validUntil"/>.</summary>
    private async Task<(CompanyUser Owner, long Id)> DistinctiveAsync(string tradeName, DateTimeOffset validUntil, bool revoked = false)
    {
        var (owner, assessmentId) = await factory.SubmittedAssessmentAsync(tradeName);
        var n = Interlocked.Increment(ref _sequence);
        var id = await factory.WithDbAsync(async db =>
        {
            var assessment = await db.Assessments.Include(a => a.Program).Include(a => a.Company).SingleAsync(a => a.Id == assessmentId);
            var distinctive = new Distinctive
            {
                AssessmentId = assessmentId,
                CompanyId = owner.CompanyId,
                ProgramId = assessment.ProgramId,
                CertifyingBodyId = assessment.Program!.CertifyingBodyId,
                Number = $"EXP-TEST-2031-{n:D5}",
                Year = 2031,
                Sequence = n,
                VerificationCode = $"EXPTEST{n:D6}",
                LegalName = assessment.Company!.LegalName,
                Rfc = assessment.Company.Rfc,
                State = MexicanState.Guanajuato,
                LevelCode = "B",
                Score = 80m,
                Topics = "SUB,LIB,IGU",
                IssuedAt = validUntil.AddMonths(-24),
                ValidFrom = validUntil.AddMonths(-24),
                ValidUntil = validUntil,
                RevokedAt = revoked ? validUntil.AddMonths(-1) : null,
                StatusListIndex = await PublicDistinctiveTestData.FreeStatusIndexAsync(db, assessment.Program!.CertifyingBodyId, () => 100_000 + Interlocked.Increment(ref _sequence)),
                CredentialJwt = "not-used",
                SigningKeyId = "not-used",
                Version = Guid.NewGuid(),
            };
            db.Distinctives.Add(distinctive);
            await db.SaveChangesAsync();
            return distinctive.Id;
        });
        return (owner, id);
    }
}
