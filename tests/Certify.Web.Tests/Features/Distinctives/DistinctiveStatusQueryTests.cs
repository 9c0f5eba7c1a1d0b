using Certify.Domain.Distinctives;
using Certify.Web.Features.Distinctives;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Tests.Features.Distinctives;

/// <summary>The SQL translation of the status agrees with <see cref="DistinctiveStatuses.Derive(DateTimeOffset?, bool, DateTimeOffset, DateTimeOffset, DateTimeOffset)"/> at the edges of every date.</summary>
public sealed class DistinctiveStatusQueryTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    public static TheoryData<string, DateTimeOffset, DateTimeOffset, DateTimeOffset?, DateTimeOffset?> Edges => new()
    {
        { "valid from now", Now, Now.AddYears(1), null, null },
        { "valid from just after now", Now + Ms, Now.AddYears(1), null, null },
        { "valid until now (exclusive)", Now.AddYears(-1), Now, null, null },
        { "valid until just after now", Now.AddYears(-1), Now + Ms, null, null },
        { "valid until just before now", Now.AddYears(-1), Now - Ms, null, null },
        { "revoked now", Now.AddYears(-1), Now.AddYears(1), null, Now },
        { "revoked just after now", Now.AddYears(-1), Now.AddYears(1), null, Now + Ms },
        { "revoked after expiry", Now.AddYears(-2), Now.AddYears(-1), null, Now.AddDays(-1) },
        { "suspended and expired", Now.AddYears(-2), Now.AddYears(-1), Now.AddYears(-1).AddDays(-3), null },
        { "suspended", Now.AddYears(-1), Now.AddYears(1), Now.AddDays(-1), null },
        { "suspended then revoked", Now.AddYears(-1), Now.AddYears(1), Now.AddDays(-1), Now - Ms },
        { "suspended, revocation pending", Now.AddYears(-1), Now.AddYears(1), Now.AddDays(-1), Now + Ms },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public async Task Is_EdgeCase_MatchesExactlyTheDerivedStatus(
        string name, DateTimeOffset validFrom, DateTimeOffset validUntil, DateTimeOffset? suspendedAt, DateTimeOffset? revokedAt)
    {
        var created = await factory.CreateDistinctiveAsync(new DistinctiveSpec
        {
            LegalName = name, ValidFrom = validFrom, ValidUntil = validUntil, SuspendedAt = suspendedAt, RevokedAt = revokedAt,
        });
        var expected = DistinctiveStatuses.Derive(revokedAt, suspendedAt is not null, validFrom, validUntil, Now);

        var matching = await factory.WithDbAsync(async db =>
        {
            var statuses = new List<DistinctiveStatus>();
            foreach (var status in Enum.GetValues<DistinctiveStatus>())
            {
                if (await db.Distinctives.Where(d => d.Id == created.Id).Where(DistinctiveStatusQuery.Is(status, Now)).AnyAsync())
                {
                    statuses.Add(status);
                }
            }

            return statuses;
        });

        Assert.Equal([expected], matching);
        var tally = Assert.Single(await factory.WithDbAsync(db =>
            DistinctiveStatusQuery.Tally(db.Distinctives.Where(d => d.Id == created.Id), Now, withNames: true).ToListAsync()));
        Assert.Equal((1, 1), (tally.Count(expected), tally.Count(null)));
        Assert.Equal((name, name), (tally.FirstName, tally.LastName));
    }
}
