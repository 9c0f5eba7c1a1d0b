using Certify.Domain.Companies;
using Certify.Domain.Distinctives;
using Certify.Web.Features.Distinctives;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Distinctives;

/// <summary>
/// Names whose order depends on case and accents, spread over states, levels and statuses: the registry lists every
/// match in the database's order, whichever group holds the first and the last name.
/// </summary>
public sealed class RegistryOrderTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task Search_NamesInManyGroups_ListsEveryMatchInTheDatabasesOrder()
    {
        var now = DateTimeOffset.UtcNow;
        (string Name, MexicanState State, string Level, DateTimeOffset? Revoked)[] specs =
        [
            ("alfa Orden Mixto", MexicanState.Jalisco, "A", null),
            ("Zeta Orden Mixto", MexicanState.Puebla, "B", null),
            ("Ñandú Orden Mixto", MexicanState.Sonora, "C", now.AddDays(-1)),
            ("ácido Orden Mixto", MexicanState.Yucatan, "A", null),
            ("Beta Orden Mixto", MexicanState.Jalisco, "B", now.AddDays(-1)),
            ("Ábaco Orden Mixto", MexicanState.Queretaro, "C", null),
        ];
        foreach (var (name, state, level, revoked) in specs)
        {
            await factory.CreateDistinctiveAsync(new DistinctiveSpec { LegalName = name, State = state, Level = level, RevokedAt = revoked });
        }

        var all = await SearchAsync(new RegistryFilter(Query: "Orden Mixto"));
        var active = await SearchAsync(new RegistryFilter(Query: "Orden Mixto", Status: DistinctiveStatus.Active));
        var jalisco = await SearchAsync(new RegistryFilter(Query: "Orden Mixto", State: MexicanState.Jalisco));

        Assert.Equal(specs.Select(s => s.Name).Order(StringComparer.Ordinal), all.Rows.Select(r => r.LegalName).Order(StringComparer.Ordinal));
        Assert.Equal((4, 4), (active.Total, active.Rows.Count));
        Assert.DoesNotContain(active.Rows, r => r.LegalName.StartsWith("Beta", StringComparison.Ordinal) || r.LegalName.StartsWith('Ñ'));
        Assert.Equal(["Beta Orden Mixto", "alfa Orden Mixto"], jalisco.Rows.Select(r => r.LegalName).Order(StringComparer.Ordinal));
        if (await factory.WithDbAsync(db => Task.FromResult(db.Database.IsSqlite())))
        {
            // SQLite orders text by its UTF-8 bytes: upper case, then lower case, then accented letters.
            Assert.Equal(["Beta Orden Mixto", "Zeta Orden Mixto", "alfa Orden Mixto", "Ábaco Orden Mixto", "Ñandú Orden Mixto", "ácido Orden Mixto"],
                all.Rows.Select(r => r.LegalName));
        }
    }

    private async Task<RegistryResult> SearchAsync(RegistryFilter filter)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryService>().SearchAsync(filter, CancellationToken.None);
    }
}
