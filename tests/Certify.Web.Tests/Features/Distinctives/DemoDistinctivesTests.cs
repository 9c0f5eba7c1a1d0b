using Certify.Domain.Distinctives;
using Certify.Web.Data;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Certify.Web.Features.Shared;

namespace Certify.Web.Tests.Features.Distinctives;

/// <summary>The Development seed's living registry: one distinctive in each status, issued by the issuance job, once.</summary>
public sealed class DemoDistinctivesTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task DemoSeed_IssuesActiveSuspendedRevokedAndExpiredDistinctives_OnceAcrossReseeds()
    {
        var before = await DemoAsync();

        await factory.Services.GetRequiredService<DatabaseSeeder>().SeedAsync(CancellationToken.None);

        var after = await DemoAsync();
        Assert.Equal(4, before.Count);
        Assert.Equal(before.Select(d => d.Id), after.Select(d => d.Id));
        var now = DateTimeOffset.UtcNow;
        var statuses = after.Select(d => DistinctiveFacts.Status(d.RevokedAt, d.SuspendedAt, d.ValidFrom, d.ValidUntil, now)).ToList();
        Assert.Contains(DistinctiveStatus.Active, statuses);
        Assert.Contains(DistinctiveStatus.Suspended, statuses);
        Assert.Contains(DistinctiveStatus.Revoked, statuses);
        Assert.Contains(DistinctiveStatus.Expired, statuses);
        Assert.All(after, d => Assert.NotNull(d.PdfStorageKey));
        Assert.All(after.Where((_, i) => statuses[i] is DistinctiveStatus.Suspended or DistinctiveStatus.Revoked),
            d => Assert.False(string.IsNullOrWhiteSpace(d.StatusReason)));
    }

    [Fact]
    public async Task DemoSeed_IssuedAssessments_AreAnsweredWithEvidenceAndLowerLevelsHaveClosedFindings()
    {
        var demo = await DemoAsync();

        foreach (var distinctive in demo)
        {
            var (answers, files, findings) = await factory.WithDbAsync(async db => (
                await db.Answers.CountAsync(a => a.AssessmentId == distinctive.AssessmentId),
                await db.EvidenceFiles.Where(e => e.AssessmentId == distinctive.AssessmentId).Select(e => e.StorageKey).ToListAsync(),
                await db.Findings.Where(f => f.AssessmentId == distinctive.AssessmentId).ToListAsync()));
            Assert.True(answers >= 20, $"{distinctive.Number}: {answers} answers");
            Assert.NotEmpty(files);
            Assert.All(files, key => Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "files", key)), key));
            if (distinctive.LevelCode == "A")
            {
                Assert.Empty(findings);
            }
            else
            {
                Assert.NotEmpty(findings);
                Assert.All(findings, f => Assert.Equal(Certify.Domain.Reviews.FindingStatus.Closed, f.Status));
            }
        }
    }

    private Task<List<Certify.Data.Entities.Distinctive>> DemoAsync() =>
        factory.WithDbAsync(db => db.Distinctives.AsNoTracking().Where(d => d.LegalName.Contains("Demo")).OrderBy(d => d.Id).ToListAsync());
}
