using System.Net;
using System.Text.Json;
using Certify.Domain.Companies;
using Certify.Domain.Distinctives;
using Certify.Web.Features.Distinctives;
using Certify.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Distinctives;

/// <summary>
/// The public registry (service, page and API) on a known data set: 25 distinctives named "Registro Conocido …", so
/// every search narrows to them whatever else the database holds.
/// </summary>
public sealed class RegistryTests(RegistryTests.KnownDataFactory data) : IClassFixture<RegistryTests.KnownDataFactory>
{
    private const string Prefix = "Registro Conocido";

    /// <summary>The factory with the known set: 12 active Jalisco A, 6 active Puebla B, 3 expired, 2 suspended, 2 revoked (Jalisco C).</summary>
    public sealed class KnownDataFactory : IAsyncLifetime
    {
        public CertifyWebFactory Factory { get; } = new();

        public async Task InitializeAsync()
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < 25; i++)
            {
                var spec = new DistinctiveSpec
                {
                    LegalName = $"{Prefix} {i:D2}, S.A. de C.V.",
                    Rfc = TestData.ValidRfc($"RCO2001{i + 1:D2}A1"),
                    State = i is >= 12 and < 18 ? MexicanState.Puebla : MexicanState.Jalisco,
                    Level = i < 12 ? "A" : i < 18 ? "B" : "C",
                };
                spec = i switch
                {
                    18 or 19 or 20 => spec with { ValidFrom = now.AddYears(-3), ValidUntil = now.AddYears(-1) },
                    21 or 22 => spec with { SuspendedAt = now.AddDays(-2), StatusReason = "Revisión" },
                    23 or 24 => spec with { RevokedAt = now.AddDays(-1), StatusReason = "Fraude" },
                    _ => spec,
                };
                await Factory.CreateDistinctiveAsync(spec);
            }
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Search_ByName_CountsByStateAndLevelAndPagesOf20()
    {
        var first = await SearchAsync(new RegistryFilter(Query: "registro conocido"));
        var second = await SearchAsync(new RegistryFilter(Query: "registro conocido", Page: 2));

        Assert.Equal(25, first.Total);
        Assert.Equal(2, first.Pages);
        Assert.Equal(20, first.Rows.Count);
        Assert.Equal(5, second.Rows.Count);
        Assert.Equal($"{Prefix} 00, S.A. de C.V.", first.Rows[0].LegalName);
        Assert.Equal($"{Prefix} 24, S.A. de C.V.", second.Rows[^1].LegalName);
        Assert.Equal([new RegistryCount<MexicanState>(MexicanState.Jalisco, 19), new RegistryCount<MexicanState>(MexicanState.Puebla, 6)], first.ByState);
        Assert.Equal([new("A", 12), new("B", 6), new RegistryCount<string>("C", 7)], first.ByLevel);
    }

    [Theory]
    [InlineData(DistinctiveStatus.Active, 18)]
    [InlineData(DistinctiveStatus.Expired, 3)]
    [InlineData(DistinctiveStatus.Suspended, 2)]
    [InlineData(DistinctiveStatus.Revoked, 2)]
    public async Task Search_ByStatus_CountsOnlyThatStatus(DistinctiveStatus status, int expected)
    {
        var result = await SearchAsync(new RegistryFilter(Query: Prefix, Status: status));

        Assert.Equal(expected, result.Total);
        Assert.All(result.Rows, r => Assert.Equal(status, r.Status));
    }

    [Fact]
    public async Task Search_StateLevelAndRfc_NarrowTheList()
    {
        Assert.Equal(6, (await SearchAsync(new RegistryFilter(Query: Prefix, State: MexicanState.Puebla))).Total);
        Assert.Equal(7, (await SearchAsync(new RegistryFilter(Query: Prefix, Level: "C"))).Total);
        Assert.Equal(0, (await SearchAsync(new RegistryFilter(Query: Prefix, Program: "OTRO"))).Total);
        Assert.Equal(25, (await SearchAsync(new RegistryFilter(Query: Prefix, Program: "DRL-AUTO"))).Total);
        var byRfc = await SearchAsync(new RegistryFilter(Query: TestData.ValidRfc("RCO200108A1").ToLowerInvariant()));
        Assert.Equal($"{Prefix} 07, S.A. de C.V.", Assert.Single(byRfc.Rows).LegalName);
    }

    [Fact]
    public async Task RegistryPage_QueryString_ShowsFilteredRowsCountsAndPager()
    {
        using var client = data.Factory.CreateClient();

        using var response = await client.GetAsync("/registro?q=Registro+Conocido&entidad=Jalisco&estatus=vigente");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = CertifyWebFactory.Parse(await response.Content.ReadAsStringAsync());
        var rows = page.QuerySelectorAll("[data-testid=registry-table] tbody tr");
        Assert.Equal(12, rows.Length);
        Assert.All(rows, r => Assert.Equal("Vigente", r.QuerySelector("[data-status]")!.TextContent.Trim()));
        Assert.Equal("12", page.QuerySelector("[data-testid=counts-by-level] [data-level=A] .fw-semibold")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("[data-testid=registry-pages]"));
        Assert.Equal("Jalisco", page.QuerySelector("#registry-state option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task RegistryApi_Page2_ReturnsTheSameAsTheService()
    {
        using var client = data.Factory.CreateClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/registry?query=Registro%20Conocido&page=2"));

        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("page").GetInt32());
        Assert.Equal(25, root.GetProperty("total").GetInt32());
        Assert.Equal(5, root.GetProperty("items").GetArrayLength());
        Assert.Equal(19, root.GetProperty("countsByState").GetProperty("Jalisco").GetInt32());
        Assert.Equal("revoked", root.GetProperty("items")[4].GetProperty("status").GetString());
    }

    private async Task<RegistryResult> SearchAsync(RegistryFilter filter)
    {
        await using var scope = data.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryService>().SearchAsync(filter, CancellationToken.None);
    }
}
