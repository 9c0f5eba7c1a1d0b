using Certify.Domain.Tenancy;
using Certify.Web.Features.Assessments;
using Certify.Web.Features.Reviews;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Reviews;

/// <summary>The certifying body's side of the tests: its staff, and submissions taken through the jobs as Hangfire would.</summary>
public static class ReviewTestData
{
    private static int _staff;

    /// <summary>
    /// A new active member of the body in <paramref name="role"/>, with an authenticator as staff must have;
    /// <see cref="CompanyUser.CompanyId"/> is unused (0).
    /// </summary>
    public static async Task<CompanyUser> AddStaffAsync(this CertifyWebFactory factory, int bodyId, BodyRole role)
    {
        var email = $"staff-{Interlocked.Increment(ref _staff)}@{Guid.NewGuid():N}.example";
        var userId = await factory.CreateUserAsync(email, authenticator: true);
        await factory.AddBodyMembershipAsync(bodyId, userId, role);
        return new CompanyUser(0, userId, email);
    }

    /// <summary>Records the current submission's snapshot, then routes it, each from a scope of its own, as the jobs would.</summary>
    public static async Task RouteSubmissionAsync(this CertifyWebFactory factory, int assessmentId)
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SubmissionReceivedJob>().RunAsync(assessmentId, CancellationToken.None);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RouteSubmissionJob>().RunAsync(assessmentId, CancellationToken.None);
        }
    }
}
