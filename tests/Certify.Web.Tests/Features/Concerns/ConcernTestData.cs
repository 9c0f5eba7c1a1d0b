using System.Net;
using Certify.Domain.Concerns;
using Certify.Web.Features.Concerns;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Concerns;

public static class ConcernTestData
{
    /// <summary>An address of its own per call, so the per-network limits of one test never touch another's.</summary>
    public static IPAddress Network(int n) => new([10, (byte)(n >> 8), (byte)n, 7]);

    /// <summary>Reports a concern about the distinctive with <paramref name="verificationCode"/> through the service, as the form does.</summary>
    public static async Task<(string Receipt, long ConcernId)> ReportConcernAsync(
        this CertifyWebFactory factory, string verificationCode, string what, string? contact = null, IPAddress? from = null,
        ConcernTopic topic = ConcernTopic.UnionFreedom)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ConcernService>().ReportAsync(verificationCode,
            new ConcernForm { Topic = topic.ToString(), What = what, Since = "desde enero", Ongoing = "yes", Contact = contact },
            from ?? Network(Random.Shared.Next(1, 60000)), CancellationToken.None);
        Assert.Equal(ReportStatus.Sent, outcome.Status);
        Assert.True(ReceiptCode.TryParse(outcome.Receipt, out var code));
        var id = await factory.WithDbAsync(db => db.Concerns.Where(c => c.LookupId == code.LookupId).Select(c => c.Id).SingleAsync());
        return (outcome.Receipt!, id);
    }
}
