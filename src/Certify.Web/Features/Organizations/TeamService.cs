using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Sessions;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Tenancy;
using Certify.Web.Identity;
using Certify.Web.Infrastructure;
using Certify.Web.Infrastructure.Email;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Organizations;

public sealed record TeamMember(int MembershipId, string UserId, string Name, string Email, string Role, bool IsCurrentUser);

public sealed record PendingInvitation(int Id, string Email, string Role, DateTimeOffset ExpiresAt);

public sealed record Team(string TenantName, bool CanManage, IReadOnlyList<TeamMember> Members, IReadOnlyList<PendingInvitation> Invitations);

public enum AcceptOutcome { Accepted, NotFound, Expired, AlreadyUsed, Revoked, WrongAccount }

public sealed record AcceptResult(AcceptOutcome Outcome, string? RedirectTo = null);

public sealed record InvitationPreview(string TenantName, string Email, string Role, InvitationState State);

/// <summary>
/// Members and invitations of both kinds of tenant: company owners invite colleagues, program admins invite auditors.
/// Links are single-use and expire after seven days; only the SHA-256 of the token is stored.
/// </summary>
public sealed class TeamService(
    IDbContextFactory<CertifyDbContext> dbFactory, TenantAccess access, EmailOutbox outbox, TimeProvider clock, UserSessions sessions,
    IConfiguration configuration)
{
    public async Task<Team?> CompanyTeamAsync(int companyId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CompanyRoleAsync(user, companyId, ct) is not { } role)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var userId = TenantAccess.UserId(user);
        var name = await db.Companies.Where(c => c.Id == companyId).Select(c => c.TradeName ?? c.LegalName).SingleAsync(ct);
        var members = await db.CompanyMemberships.Where(m => m.CompanyId == companyId)
            .OrderBy(m => m.Role).ThenBy(m => m.User!.DisplayName)
            .Select(m => new TeamMember(m.Id, m.UserId, m.User!.DisplayName, m.User.Email ?? "", m.Role.ToString(), m.UserId == userId))
            .ToListAsync(ct);
        var invitations = await PendingAsync(db, i => i.CompanyId == companyId, ct);
        return new Team(name, role == CompanyRole.Owner, members, invitations);
    }

    public async Task<Team?> BodyTeamAsync(int bodyId, ClaimsPrincipal user, CancellationToken ct)
    {
        var roles = await access.BodyRolesAsync(user, bodyId, ct);
        if (roles.Count == 0)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var userId = TenantAccess.UserId(user);
        var name = await db.CertifyingBodies.Where(b => b.Id == bodyId).Select(b => b.Name).SingleAsync(ct);
        var members = await db.BodyMemberships.Where(m => m.CertifyingBodyId == bodyId && m.Active)
            .OrderBy(m => m.Role).ThenBy(m => m.User!.DisplayName)
            .Select(m => new TeamMember(m.Id, m.UserId, m.User!.DisplayName, m.User.Email ?? "", m.Role.ToString(), m.UserId == userId))
            .ToListAsync(ct);
        var invitations = await PendingAsync(db, i => i.CertifyingBodyId == bodyId, ct);
        return new Team(name, roles.Contains(BodyRole.ProgramAdmin), members, invitations);
    }

    public async Task<Team?> BuyerTeamAsync(int buyerId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.BuyerRoleAsync(user, buyerId, ct) is not { } role)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var userId = TenantAccess.UserId(user);
        var name = await db.Buyers.Where(b => b.Id == buyerId).Select(b => b.Name).SingleAsync(ct);
        var members = await db.BuyerMemberships.Where(m => m.BuyerId == buyerId)
            .OrderBy(m => m.Role).ThenBy(m => m.User!.DisplayName)
            .Select(m => new TeamMember(m.Id, m.UserId, m.User!.DisplayName, m.User.Email ?? "", m.Role.ToString(), m.UserId == userId))
            .ToListAsync(ct);
        var invitations = await PendingAsync(db, i => i.BuyerId == buyerId, ct);
        return new Team(name, role == CompanyRole.Owner, members, invitations);
    }

    public async Task<CommandResult> InviteToBuyerAsync(int buyerId, string email, CompanyRole role, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.BuyerRoleAsync(user, buyerId, ct) is not CompanyRole.Owner)
        {
            return CommandResult.Fail(new FieldError("", "NotAllowed"));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.Buyers.Where(b => b.Id == buyerId).Select(b => b.Name).SingleAsync(ct);
        return await InviteAsync(db, new Invitation
        {
            BuyerId = buyerId,
            CompanyRole = role,
            Email = "",
            TokenHash = "",
            InvitedByUserId = "",
        }, email, name, role.ToString(), user, null, null, ct, buyerId);
    }

    /// <summary>Removes a member of a buyer organisation; the last owner can never be removed.</summary>
    public async Task<CommandResult> RemoveBuyerMemberAsync(int buyerId, int membershipId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.BuyerRoleAsync(user, buyerId, ct) is not CompanyRole.Owner)
        {
            return CommandResult.Fail(new FieldError("", "NotAllowed"));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var membership = await db.BuyerMemberships.SingleOrDefaultAsync(m => m.Id == membershipId && m.BuyerId == buyerId, ct);
        if (membership is null)
        {
            return CommandResult.Fail(new FieldError("", "NotFound"));
        }

        var owners = await db.BuyerMemberships.CountAsync(m => m.BuyerId == buyerId && m.Role == CompanyRole.Owner, ct);
        if (!Memberships.CanRemoveOrDemote(membership.Role, owners))
        {
            return CommandResult.Fail(new FieldError("", "LastOwner"));
        }

        db.BuyerMemberships.Remove(membership);
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.MembershipRemoved, nameof(BuyerMembership), membership.UserId,
            new { membership.Role, Buyer = buyerId }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return CommandResult.Ok(buyerId);
    }

    public async Task<CommandResult> InviteToCompanyAsync(int companyId, string email, CompanyRole role, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CompanyRoleAsync(user, companyId, ct) is not CompanyRole.Owner)
        {
            return CommandResult.Fail(new FieldError("", "NotAllowed"));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.Companies.Where(c => c.Id == companyId).Select(c => c.TradeName ?? c.LegalName).SingleAsync(ct);
        return await InviteAsync(db, new Invitation
        {
            CompanyId = companyId,
            CompanyRole = role,
            Email = "",
            TokenHash = "",
            InvitedByUserId = "",
        }, email, name, role.ToString(), user, companyId, null, ct);
    }

    public async Task<CommandResult> InviteAuditorAsync(int bodyId, string email, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!(await access.BodyRolesAsync(user, bodyId, ct)).Contains(BodyRole.ProgramAdmin))
        {
            return CommandResult.Fail(new FieldError("", "NotAllowed"));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.CertifyingBodies.Where(b => b.Id == bodyId).Select(b => b.Name).SingleAsync(ct);
        return await InviteAsync(db, new Invitation
        {
            CertifyingBodyId = bodyId,
            BodyRole = BodyRole.Auditor,
            Email = "",
            TokenHash = "",
            InvitedByUserId = "",
        }, email, name, nameof(BodyRole.Auditor), user, null, bodyId, ct);
    }

    public async Task<bool> RevokeInvitationAsync(int invitationId, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId, ct);
        if (invitation is null || !await CanManageAsync(invitation.CompanyId, invitation.CertifyingBodyId, invitation.BuyerId, user, ct))
        {
            return false;
        }

        if (invitation.AcceptedAt is null && invitation.RevokedAt is null)
        {
            invitation.RevokedAt = clock.GetUtcNow();
            db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.InvitationRevoked, nameof(Invitation), invitation.Id.ToString(),
                new { invitation.Email }, invitation.CompanyId, invitation.CertifyingBodyId));
            await db.SaveChangesAsync(ct);
        }

        return true;
    }

    /// <summary>Removes a company member; the last owner can never be removed.</summary>
    public async Task<CommandResult> RemoveCompanyMemberAsync(int companyId, int membershipId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CompanyRoleAsync(user, companyId, ct) is not CompanyRole.Owner)
        {
            return CommandResult.Fail(new FieldError("", "NotAllowed"));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var membership = await db.CompanyMemberships.SingleOrDefaultAsync(m => m.Id == membershipId && m.CompanyId == companyId, ct);
        if (membership is null)
        {
            return CommandResult.Fail(new FieldError("", "NotFound"));
        }

        var owners = await db.CompanyMemberships.CountAsync(m => m.CompanyId == companyId && m.Role == CompanyRole.Owner, ct);
        if (!Memberships.CanRemoveOrDemote(membership.Role, owners))
        {
            return CommandResult.Fail(new FieldError("", "LastOwner"));
        }

        db.CompanyMemberships.Remove(membership);
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.MembershipRemoved, nameof(CompanyMembership), membership.UserId,
            new { membership.Role }, companyId: companyId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return CommandResult.Ok(companyId);
    }

    /// <summary>Deactivates an auditor or program admin of a body; a program admin cannot remove themself.</summary>
    public async Task<CommandResult> DeactivateBodyMemberAsync(int bodyId, int membershipId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!(await access.BodyRolesAsync(user, bodyId, ct)).Contains(BodyRole.ProgramAdmin))
        {
            return CommandResult.Fail(new FieldError("", "NotAllowed"));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var membership = await db.BodyMemberships.SingleOrDefaultAsync(m => m.Id == membershipId && m.CertifyingBodyId == bodyId && m.Active, ct);
        if (membership is null)
        {
            return CommandResult.Fail(new FieldError("", "NotFound"));
        }

        if (membership.UserId == TenantAccess.UserId(user))
        {
            return CommandResult.Fail(new FieldError("", "CannotRemoveSelf"));
        }

        membership.Active = false;
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.MembershipDeactivated, nameof(BodyMembership), membership.UserId,
            new { membership.Role }, bodyId: bodyId));
        await db.SaveChangesAsync(ct);

        // Their staff claim lives in the cookie: only a fresh sign-in drops it.
        await sessions.EndAllAsync(membership.UserId, SessionEndReason.MembershipDeactivated, keep: null, ct);
        return CommandResult.Ok(bodyId);
    }

    public async Task<InvitationPreview?> PreviewAsync(string token, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = Hash(token);
        var invitation = await db.Invitations.AsNoTracking()
            .Include(i => i.Company).Include(i => i.CertifyingBody).Include(i => i.Buyer)
            .SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
        return invitation is null
            ? null
            : new InvitationPreview(
                invitation.Company?.TradeName ?? invitation.Company?.LegalName ?? invitation.Buyer?.Name ?? invitation.CertifyingBody!.Name,
                invitation.Email,
                invitation.CompanyRole?.ToString() ?? invitation.BodyRole!.Value.ToString(),
                invitation.StateAt(clock.GetUtcNow()));
    }

    /// <summary>
    /// Accepts an invitation for the signed-in user, whose e-mail must be the invited one. The guarded update makes
    /// the link single-use even when two requests race.
    /// </summary>
    public async Task<AcceptResult> AcceptAsync(string token, ClaimsPrincipal user, string userEmail, CancellationToken ct)
    {
        var userId = TenantAccess.UserId(user) ?? throw new InvalidOperationException("Accepting needs a signed-in user.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = Hash(token);
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null)
        {
            return new AcceptResult(AcceptOutcome.NotFound);
        }

        var now = clock.GetUtcNow();
        switch (invitation.StateAt(now))
        {
            case InvitationState.Expired:
                return new AcceptResult(AcceptOutcome.Expired);
            case InvitationState.Accepted:
                return new AcceptResult(AcceptOutcome.AlreadyUsed);
            case InvitationState.Revoked:
                return new AcceptResult(AcceptOutcome.Revoked);
        }

        if (!string.Equals(invitation.Email, userEmail, StringComparison.OrdinalIgnoreCase))
        {
            return new AcceptResult(AcceptOutcome.WrongAccount);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Invitations
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedByUserId, userId), ct);
        if (claimed != 1)
        {
            return new AcceptResult(AcceptOutcome.AlreadyUsed);
        }

        string redirect;
        if (invitation.CompanyId is { } companyId)
        {
            var existing = await db.CompanyMemberships.SingleOrDefaultAsync(m => m.CompanyId == companyId && m.UserId == userId, ct);
            if (existing is null)
            {
                db.CompanyMemberships.Add(new CompanyMembership { CompanyId = companyId, UserId = userId, Role = invitation.CompanyRole!.Value, CreatedAt = now });
            }

            redirect = $"/empresas/{companyId}";
        }
        else if (invitation.BuyerId is { } buyerId)
        {
            if (!await db.BuyerMemberships.AnyAsync(m => m.BuyerId == buyerId && m.UserId == userId, ct))
            {
                db.BuyerMemberships.Add(new BuyerMembership { BuyerId = buyerId, UserId = userId, Role = invitation.CompanyRole!.Value, CreatedAt = now });
            }

            redirect = $"/compradores/{buyerId}";
        }
        else
        {
            var bodyId = invitation.CertifyingBodyId!.Value;
            var role = invitation.BodyRole!.Value;
            var existing = await db.BodyMemberships.SingleOrDefaultAsync(m => m.CertifyingBodyId == bodyId && m.UserId == userId && m.Role == role, ct);
            if (existing is null)
            {
                db.BodyMemberships.Add(new BodyMembership { CertifyingBodyId = bodyId, UserId = userId, Role = role, CreatedAt = now });
            }
            else
            {
                existing.Active = true;
            }

            redirect = $"/organismos/{bodyId}";
        }

        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.InvitationAccepted, nameof(Invitation), invitation.Id.ToString(),
            new { invitation.Email, Role = invitation.CompanyRole?.ToString() ?? invitation.BodyRole?.ToString() }, invitation.CompanyId, invitation.CertifyingBodyId));
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.MembershipAdded, "Membership", userId,
            new { Role = invitation.CompanyRole?.ToString() ?? invitation.BodyRole?.ToString() }, invitation.CompanyId, invitation.CertifyingBodyId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new AcceptResult(AcceptOutcome.Accepted, redirect);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private async Task<CommandResult> InviteAsync(
        CertifyDbContext db, Invitation invitation, string email, string tenantName, string roleName, ClaimsPrincipal user,
        int? companyId, int? bodyId, CancellationToken ct, int? buyerId = null)
    {
        var normalized = email.Trim();
        if (!System.Net.Mail.MailAddress.TryCreate(normalized, out var address) || address.Address != normalized)
        {
            return CommandResult.Fail(new FieldError("Email", "EmailInvalid", email));
        }

        var now = clock.GetUtcNow();
        var cutoff = now - Invitations.Lifetime;
        var alreadyMember = companyId is { } cid
            ? await db.CompanyMemberships.AnyAsync(m => m.CompanyId == cid && m.User!.NormalizedEmail == normalized.ToUpperInvariant(), ct)
            : buyerId is { } bid
            ? await db.BuyerMemberships.AnyAsync(m => m.BuyerId == bid && m.User!.NormalizedEmail == normalized.ToUpperInvariant(), ct)
            : await db.BodyMemberships.AnyAsync(m => m.CertifyingBodyId == bodyId && m.Active && m.Role == invitation.BodyRole && m.User!.NormalizedEmail == normalized.ToUpperInvariant(), ct);
        if (alreadyMember)
        {
            return CommandResult.Fail(new FieldError("Email", "AlreadyMember", normalized));
        }

        var pending = await db.Invitations.AnyAsync(i => i.CompanyId == companyId && i.CertifyingBodyId == bodyId && i.BuyerId == buyerId
            && i.Email == normalized && i.AcceptedAt == null && i.RevokedAt == null && i.CreatedAt > cutoff, ct);
        if (pending)
        {
            return CommandResult.Fail(new FieldError("Email", "AlreadyInvited", normalized));
        }

        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        invitation.Email = normalized;
        invitation.TokenHash = Hash(token);
        invitation.InvitedByUserId = TenantAccess.UserId(user)!;
        invitation.CreatedAt = now;
        db.Invitations.Add(invitation);
        await AuditLog.SaveWithAuditAsync(db, () => AuditLog.Event(clock, AuditActor.From(user), AuditActions.InvitationSent, nameof(Invitation), invitation.Id.ToString(),
            new { Email = normalized, Role = roleName }, companyId, bodyId), ct);

        var inviter = user.Identity?.Name ?? "Certify";
        // From the configured public address, never from the request's Host header (which a client chooses).
        var link = $"{PublicUrl.Base(configuration)}/invitaciones/{token}";
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        await outbox.QueueAsync(normalized, EmailTemplates.Invitation(culture, inviter, tenantName, RoleLabel(roleName, culture), link, Invitations.ExpiresAt(now)), ct);
        return CommandResult.Ok(invitation.Id);
    }

    private static string RoleLabel(string role, string culture) => (role, EmailTemplates.IsEnglish(culture)) switch
    {
        (nameof(CompanyRole.Owner), false) => "propietario(a)",
        (nameof(CompanyRole.Member), false) => "integrante del equipo",
        (nameof(BodyRole.Auditor), false) => "auditor(a)",
        (nameof(BodyRole.ProgramAdmin), false) => "administrador(a) del programa",
        (nameof(CompanyRole.Owner), true) => "owner",
        (nameof(CompanyRole.Member), true) => "team member",
        (nameof(BodyRole.Auditor), true) => "auditor",
        _ => "program admin",
    };

    private async Task<bool> CanManageAsync(int? companyId, int? bodyId, int? buyerId, ClaimsPrincipal user, CancellationToken ct) =>
        companyId is { } cid
            ? await access.CompanyRoleAsync(user, cid, ct) == CompanyRole.Owner
            : buyerId is { } bid
            ? await access.BuyerRoleAsync(user, bid, ct) == CompanyRole.Owner
            : (await access.BodyRolesAsync(user, bodyId!.Value, ct)).Contains(BodyRole.ProgramAdmin);

    private async Task<IReadOnlyList<PendingInvitation>> PendingAsync(
        CertifyDbContext db, System.Linq.Expressions.Expression<Func<Invitation, bool>> scope, CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - Invitations.Lifetime;
        var rows = await db.Invitations.Where(scope)
            .Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.CreatedAt > cutoff)
            .OrderBy(i => i.CreatedAt)
            .Select(i => new { i.Id, i.Email, Role = i.CompanyRole != null ? i.CompanyRole.ToString() : i.BodyRole.ToString(), i.CreatedAt })
            .ToListAsync(ct);
        return rows.Select(r => new PendingInvitation(r.Id, r.Email, r.Role ?? "", Invitations.ExpiresAt(r.CreatedAt))).ToList();
    }
}
