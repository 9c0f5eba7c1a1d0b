using System.Security.Claims;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Organizations;

public sealed record CommandResult(int? Id, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static CommandResult Ok(int id) => new(id, []);

    public static CommandResult Fail(params FieldError[] errors) => new(null, errors);
}

public sealed record CompanySummary(Company Company, CompanyRole Role, int MemberCount, int PendingInvitations);

/// <summary>Registering companies and editing their profile. Every change is audited.</summary>
public sealed class CompanyService(IDbContextFactory<CertifyDbContext> dbFactory, TenantAccess access, TimeProvider clock)
{
    public async Task<CommandResult> RegisterAsync(CompanyForm form, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = form.Validate();
        if (errors.Count > 0)
        {
            return new CommandResult(null, errors);
        }

        var userId = TenantAccess.UserId(user) ?? throw new InvalidOperationException("Registering a company needs a signed-in user.");
        var now = clock.GetUtcNow();
        var company = new Company
        {
            LegalName = "",
            Rfc = "",
            Municipality = "",
            CreatedAt = now,
            UpdatedAt = now,
            Version = Guid.NewGuid(),
        };
        form.ApplyTo(company);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Companies.AnyAsync(c => c.Rfc == company.Rfc, ct))
        {
            return CommandResult.Fail(new FieldError(nameof(CompanyForm.Rfc), "RfcTaken", company.Rfc));
        }

        company.Members.Add(new CompanyMembership { UserId = userId, Role = CompanyRole.Owner, CreatedAt = now });
        db.Companies.Add(company);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone may have registered the same RFC between our check and our insert; the unique index caught it.
            if (await RfcExistsAsync(company.Rfc, ct))
            {
                return CommandResult.Fail(new FieldError(nameof(CompanyForm.Rfc), "RfcTaken", company.Rfc));
            }

            throw;
        }

        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.CompanyRegistered, nameof(Company), company.Id.ToString(),
            new { company.Rfc, company.LegalName, company.State, company.Workers, company.Tier }, companyId: company.Id));
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.MembershipAdded, nameof(CompanyMembership), userId,
            new { Role = CompanyRole.Owner }, companyId: company.Id));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return CommandResult.Ok(company.Id);
    }

    /// <summary>The company as its member sees it, or null when the user is not a member (the caller answers 404).</summary>
    public async Task<CompanySummary?> GetAsync(int companyId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CompanyRoleAsync(user, companyId, ct) is not { } role)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == companyId, ct);
        var members = await db.CompanyMemberships.CountAsync(m => m.CompanyId == companyId, ct);
        var now = clock.GetUtcNow();
        var cutoff = now - Invitations.Lifetime;
        var pending = await db.Invitations.CountAsync(
            i => i.CompanyId == companyId && i.AcceptedAt == null && i.RevokedAt == null && i.CreatedAt > cutoff, ct);
        return new CompanySummary(company, role, members, pending);
    }

    public async Task<CommandResult> UpdateProfileAsync(int companyId, CompanyForm form, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CompanyRoleAsync(user, companyId, ct) is not CompanyRole.Owner)
        {
            return CommandResult.Fail(new FieldError("", "NotAllowed"));
        }

        var errors = form.Validate();
        if (errors.Count > 0)
        {
            return new CommandResult(null, errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var company = await db.Companies.SingleAsync(c => c.Id == companyId, ct);
        if (form.Version != company.Version)
        {
            return CommandResult.Fail(new FieldError("", "ProfileChangedByOther"));
        }

        var changes = form.ApplyTo(company);
        if (changes.Count == 0)
        {
            return CommandResult.Ok(companyId);
        }

        if (changes.ContainsKey(nameof(Company.Rfc)) && await db.Companies.AnyAsync(c => c.Rfc == company.Rfc && c.Id != companyId, ct))
        {
            return CommandResult.Fail(new FieldError(nameof(CompanyForm.Rfc), "RfcTaken", company.Rfc));
        }

        company.UpdatedAt = clock.GetUtcNow();
        company.Version = Guid.NewGuid();
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.CompanyProfileUpdated, nameof(Company), companyId.ToString(),
            changes.ToDictionary(c => c.Key, c => new { before = c.Value[0], after = c.Value[1] }), companyId: companyId));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Fail(new FieldError("", "ProfileChangedByOther"));
        }

        return CommandResult.Ok(companyId);
    }

    private async Task<bool> RfcExistsAsync(string rfc, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Companies.AnyAsync(c => c.Rfc == rfc, ct);
    }
}
