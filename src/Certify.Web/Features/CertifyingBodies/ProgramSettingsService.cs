using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Certify.Data;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.CertifyingBodies;

/// <summary>A program's review settings as the program admin edits them.</summary>
public sealed class ProgramSettingsForm
{
    public const int MinDeadlineDays = 1;
    public const int MaxDeadlineDays = 90;

    [Range(MinDeadlineDays, MaxDeadlineDays)]
    public int ReviewDeadlineDays { get; set; }

    public bool RequireApprovalConfirmation { get; set; }
}

public sealed record ProgramSettingsView(int ProgramId, int BodyId, string BodyName, string Code, string NameEs, string NameEn, int ReviewDeadlineDays, bool RequireApprovalConfirmation);

public enum ProgramSettingsOutcome { Saved, NotFound, Invalid }

/// <summary>
/// The review settings of a certifying body's programs: how many days the body has to review a submission (new
/// submissions take it; routed ones keep their due date) and whether approvals need a program admin's confirmation.
/// Only the body's active program admins see or change them; everyone else gets NotFound.
/// </summary>
public sealed class ProgramSettingsService(IDbContextFactory<CertifyDbContext> dbFactory, TenantAccess access, TimeProvider clock)
{
    public async Task<IReadOnlyList<ProgramSettingsView>> ListAsync(int bodyId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!(await access.BodyRolesAsync(user, bodyId, ct)).Contains(BodyRole.ProgramAdmin))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Programs.AsNoTracking().Where(p => p.CertifyingBodyId == bodyId).OrderBy(p => p.Code)
            .Select(p => new ProgramSettingsView(p.Id, bodyId, p.CertifyingBody!.Name, p.Code, p.NameEs, p.NameEn, p.ReviewDeadlineDays, p.RequireApprovalConfirmation))
            .ToListAsync(ct);
    }

    public async Task<ProgramSettingsView?> GetAsync(int bodyId, int programId, ClaimsPrincipal user, CancellationToken ct) =>
        (await ListAsync(bodyId, user, ct)).FirstOrDefault(p => p.ProgramId == programId);

    public async Task<ProgramSettingsOutcome> SaveAsync(int bodyId, int programId, ProgramSettingsForm form, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await GetAsync(bodyId, programId, user, ct) is null)
        {
            return ProgramSettingsOutcome.NotFound;
        }

        if (form.ReviewDeadlineDays is < ProgramSettingsForm.MinDeadlineDays or > ProgramSettingsForm.MaxDeadlineDays)
        {
            return ProgramSettingsOutcome.Invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var program = await db.Programs.SingleAsync(p => p.Id == programId, ct);
        var before = new { program.ReviewDeadlineDays, program.RequireApprovalConfirmation };
        program.ReviewDeadlineDays = form.ReviewDeadlineDays;
        program.RequireApprovalConfirmation = form.RequireApprovalConfirmation;
        program.UpdatedAt = clock.GetUtcNow();
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.ProgramSettingsUpdated, "CertificationProgram", programId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { Before = before, After = new { form.ReviewDeadlineDays, form.RequireApprovalConfirmation } }, bodyId: bodyId));
        await db.SaveChangesAsync(ct);
        return ProgramSettingsOutcome.Saved;
    }
}
