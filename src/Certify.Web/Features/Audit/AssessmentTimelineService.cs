using System.Security.Claims;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Web.Identity;
using Certify.Web.Features.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Certify.Web.Features.Audit;

/// <summary>Who reads a timeline: the assessed company, or the staff of the program's certifying body.</summary>
public enum TimelineAudience { Company, Staff }

/// <summary>
/// One step of an assessment's history. <see cref="Actor"/> is the person's display name (empty when unknown), null
/// for the platform's jobs; <see cref="Text"/> says what happened in the reader's language; <see cref="Fields"/> (the
/// details in words) are given to staff only, and <see cref="Details"/> (the audit row's raw JSON) to platform admins only.
/// </summary>
public sealed record TimelineEntry(DateTimeOffset OccurredAt, string? Actor, string Action, string Text, IReadOnlyList<AuditField> Fields, string? Details);

/// <summary>
/// An assessment's history read from the audit trail: the events recorded on the assessment itself and on its
/// findings, in the order they were saved in (by id), each described by <see cref="AuditEventDescriber"/>.
/// </summary>
public sealed class AssessmentTimelineService(
    IDbContextFactory<CertifyDbContext> dbFactory, TenantAccess access, IAuthorizationService authorization, IStringLocalizer<Resources.Audit> localizer)
{
    /// <summary>
    /// What the certifying body keeps to itself: each verdict as the auditor records it (the company learns the
    /// verdicts when the auditor hands the submission back or decides), and the body's internal hand-offs.
    /// </summary>
    private static readonly HashSet<string> StaffOnlyActions = new(StringComparer.Ordinal)
    {
        AuditActions.FindingRecorded,
        AuditActions.ReviewClaimed,
        AuditActions.AssessmentApprovalRequested,
        AuditActions.AssessmentApprovalSentBack,
    };

    /// <summary>
    /// The timeline for <paramref name="audience"/>, or null (report it as not found) unless the user is a member of
    /// the assessed company (Company) or active staff of the program's certifying body (Staff).
    /// </summary>
    public async Task<IReadOnlyList<TimelineEntry>?> ListAsync(int assessmentId, TimelineAudience audience, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owner = await db.Assessments.AsNoTracking().Where(a => a.Id == assessmentId)
            .Select(a => new { a.CompanyId, a.Program!.CertifyingBodyId }).SingleOrDefaultAsync(ct);
        if (owner is null)
        {
            return null;
        }

        var allowed = audience == TimelineAudience.Company
            ? await access.CompanyRoleAsync(user, owner.CompanyId, ct) is not null
            : (await access.BodyRolesAsync(user, owner.CertifyingBodyId, ct)).Count > 0;
        if (!allowed)
        {
            return null;
        }

        var id = assessmentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var findingIds = (await db.Findings.AsNoTracking().Where(f => f.AssessmentId == assessmentId).Select(f => f.Id).ToListAsync(ct))
            .Select(f => f.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var rows = await db.AuditEvents.AsNoTracking()
            .Where(e => (e.EntityType == nameof(Assessment) && e.EntityId == id)
                || (e.EntityType == nameof(Finding) && findingIds.Contains(e.EntityId!)))
            .OrderBy(e => e.Id)
            .Select(e => new
            {
                e.OccurredAt,
                e.Action,
                e.Details,
                e.UserId,
                e.UserName,
                DisplayName = db.Users.Where(u => u.Id == e.UserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var companyName = await db.Companies.AsNoTracking().Where(c => c.Id == owner.CompanyId).Select(c => c.TradeName ?? c.LegalName).SingleAsync(ct);
        var staff = audience == TimelineAudience.Staff;
        var technical = staff && (await authorization.AuthorizeAsync(user, Policies.PlatformAdmin)).Succeeded;
        return rows
            .Where(r => staff || !StaffOnlyActions.Contains(r.Action))
            .Select(r =>
            {
                var description = AuditEventDescriber.Describe(localizer, r.Action, r.Details, companyName);
                return new TimelineEntry(
                    r.OccurredAt,
                    ActorName(r.UserId, r.DisplayName, r.UserName, audience),
                    r.Action,
                    description.Text,
                    staff ? description.Fields : [],
                    technical ? r.Details : null);
            })
            .ToList();
    }

    /// <summary>Null for the platform's jobs; otherwise the display name, never a sign-in name the company should not see.</summary>
    private static string? ActorName(string? userId, string? displayName, string? userName, TimelineAudience audience) =>
        userId is null ? null
        : !string.IsNullOrWhiteSpace(displayName) ? displayName
        : audience == TimelineAudience.Staff ? userName ?? ""
        : "";
}
