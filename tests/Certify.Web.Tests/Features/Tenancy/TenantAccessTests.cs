using System.Security.Claims;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Tenancy;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Tenancy;

/// <summary>
/// The access mechanism itself, as services and circuits call it (no HTTP pipeline in front): staff without an
/// authenticator hold no body role, so no service grants them a body's resource.
/// </summary>
public sealed class TenantAccessTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task BodyRolesAsync_ProgramAdminWithoutAuthenticator_HasNoRole()
    {
        var bodyId = await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);
        var admin = await factory.UserIdAsync(AssessmentTestData.ProgramAdminEmail);

        var without = await AccessAsync(a => a.BodyRolesAsync(WithoutAuthenticator(admin), bodyId, CancellationToken.None));
        var with = await AccessAsync(a => a.BodyRolesAsync(new CompanyUser(0, admin, AssessmentTestData.ProgramAdminEmail).Principal, bodyId, CancellationToken.None));

        Assert.Empty(without);
        Assert.Equal(BodyRole.ProgramAdmin, Assert.Single(with));
    }

    [Fact]
    public async Task CompanyRoleAsync_CompanyOwnerWithoutAuthenticator_KeepsTheRole()
    {
        var company = await factory.DemoOwnerAsync(CertifyWebFactory.OwnerAEmail, CertifyWebFactory.CompanyARfc);

        var role = await AccessAsync(a => a.CompanyRoleAsync(WithoutAuthenticator(company.UserId), company.CompanyId, CancellationToken.None));

        Assert.Equal(CompanyRole.Owner, role);
    }

    [Fact]
    public async Task CanReadCompanyRecordAsync_DecidesByMembershipStageAndAuthenticator()
    {
        var bodyId = await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);
        var owner = await factory.DemoOwnerAsync(CertifyWebFactory.OwnerAEmail, CertifyWebFactory.CompanyARfc);
        var ownerB = await factory.DemoOwnerAsync(CertifyWebFactory.OwnerBEmail, CertifyWebFactory.CompanyBRfc);
        var auditorId = await factory.UserIdAsync(CertifyWebFactory.AuditorEmail);
        var auditor = new CompanyUser(0, auditorId, CertifyWebFactory.AuditorEmail).Principal;

        Task<bool> CanReadAsync(ClaimsPrincipal user, bool bodyMaySee) =>
            AccessAsync(a => a.CanReadCompanyRecordAsync(user, owner.CompanyId, bodyId, bodyMaySee, CancellationToken.None));

        Assert.True(await CanReadAsync(owner.Principal, bodyMaySee: false));
        Assert.False(await CanReadAsync(ownerB.Principal, bodyMaySee: true));
        Assert.True(await CanReadAsync(auditor, bodyMaySee: true));
        Assert.False(await CanReadAsync(auditor, bodyMaySee: false));
        Assert.False(await CanReadAsync(WithoutAuthenticator(auditorId), bodyMaySee: true));
    }

    private static ClaimsPrincipal WithoutAuthenticator(string userId) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"));

    private async Task<T> AccessAsync<T>(Func<TenantAccess, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TenantAccess>());
    }
}
