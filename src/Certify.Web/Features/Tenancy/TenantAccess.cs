using System.Security.Claims;
using Certify.Data;
using Certify.Domain.Tenancy;
using Certify.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Tenancy;

public sealed record TenantLink(int Id, string Name);

public sealed record UserTenants(IReadOnlyList<TenantLink> Companies, IReadOnlyList<TenantLink> Bodies, bool IsPlatformAdmin)
{
    public static readonly UserTenants None = new([], [], false);

    /// <summary>The buyer organisations the user belongs to.</summary>
    public IReadOnlyList<TenantLink> Buyers { get; init; } = [];
}

/// <summary>
/// The one place that answers "may this user touch this tenant's resource?". Every page, endpoint and service method
/// that takes an id asks here (directly or through its feature service) and answers 404 when the answer is no, so ids
/// of other tenants reveal nothing. The staff two-factor rule is part of the answer: staff without an authenticator
/// hold no body role here, whatever page, endpoint, circuit or job asks.
/// </summary>
public sealed class TenantAccess(IDbContextFactory<CertifyDbContext> dbFactory, StaffTwoFactorRule staffTwoFactor)
{
    public static string? UserId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public async Task<CompanyRole?> CompanyRoleAsync(ClaimsPrincipal user, int companyId, CancellationToken ct)
    {
        if (UserId(user) is not { } userId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CompanyMemberships
            .Where(m => m.CompanyId == companyId && m.UserId == userId)
            .Select(m => (CompanyRole?)m.Role)
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>The user's role in the buyer organisation, or null when not a member.</summary>
    public async Task<CompanyRole?> BuyerRoleAsync(ClaimsPrincipal user, int buyerId, CancellationToken ct)
    {
        if (UserId(user) is not { } userId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BuyerMemberships
            .Where(m => m.BuyerId == buyerId && m.UserId == userId)
            .Select(m => (CompanyRole?)m.Role)
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>The user's active roles in the body; none for staff without an authenticator.</summary>
    public async Task<IReadOnlySet<BodyRole>> BodyRolesAsync(ClaimsPrincipal user, int bodyId, CancellationToken ct)
    {
        if (UserId(user) is not { } userId || !staffTwoFactor.MayActAsStaff(user))
        {
            return new HashSet<BodyRole>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var roles = await db.BodyMemberships
            .Where(m => m.CertifyingBodyId == bodyId && m.UserId == userId && m.Active)
            .Select(m => m.Role)
            .ToListAsync(ct);
        return roles.ToHashSet();
    }

    /// <summary>
    /// Whether the user may read one of a company's records (an assessment, its report, evidence, corrective-action
    /// files, a distinctive): members of the company always; active staff of the certifying body once
    /// <paramref name="bodyMaySee"/> (e.g. the assessment was submitted to it).
    /// </summary>
    public async Task<bool> CanReadCompanyRecordAsync(ClaimsPrincipal user, int companyId, int bodyId, bool bodyMaySee, CancellationToken ct) =>
        await CompanyRoleAsync(user, companyId, ct) is not null
        || (bodyMaySee && (await BodyRolesAsync(user, bodyId, ct)).Count > 0);

    public async Task<UserTenants> TenantsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (UserId(user) is not { } userId)
        {
            return UserTenants.None;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var companies = await db.CompanyMemberships
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.Company!.LegalName)
            .Select(m => new TenantLink(m.CompanyId, m.Company!.TradeName ?? m.Company.LegalName))
            .ToListAsync(ct);
        var bodies = await db.BodyMemberships
            .Where(m => m.UserId == userId && m.Active)
            .Select(m => new { m.CertifyingBodyId, m.CertifyingBody!.Name })
            .Distinct()
            .Select(m => new TenantLink(m.CertifyingBodyId, m.Name))
            .ToListAsync(ct);
        var buyers = await db.BuyerMemberships
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.Buyer!.Name)
            .Select(m => new TenantLink(m.BuyerId, m.Buyer!.Name))
            .ToListAsync(ct);
        return new UserTenants(companies, bodies, user.IsInRole(CertifyClaims.PlatformAdminRole)) { Buyers = buyers };
    }
}
