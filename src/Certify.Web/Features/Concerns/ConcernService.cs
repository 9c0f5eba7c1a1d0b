using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Concerns;
using Certify.Domain.Distinctives;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Distinctives;
using Certify.Web.Features.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Concerns;

/// <summary>What a reporter writes in the form.</summary>
public sealed class ConcernForm
{
    public const int MaxTextLength = 4000;
    public const int MinTextLength = 20;
    public const int MaxShortLength = 200;

    public string? Topic { get; set; }
    public string? What { get; set; }
    public string? Since { get; set; }
    public string? Ongoing { get; set; }
    public string? Contact { get; set; }

    /// <summary>A field people never see (hidden by CSS and from assistive technology); bots fill it.</summary>
    public string? Website { get; set; }
}

/// <summary>The parts of a report kept encrypted together.</summary>
public sealed record ConcernReport(string What, string? Since, bool? Ongoing);

public enum ReportStatus { Sent, Invalid, NotFound, Limited }

public sealed record ReportOutcome(ReportStatus Status, string? Receipt = null, IReadOnlyList<string>? Errors = null);

public sealed record ConcernMessageView(bool FromReporter, DateOnly SentOn, string Text);

/// <summary>What the reporter reads with the receipt code.</summary>
public sealed record ReporterView(
    string CompanyName, ConcernTopic Topic, ConcernState State, DateOnly ReceivedOn, string? CloseReason,
    IReadOnlyList<ConcernMessageView> Messages);

public sealed record BodyConcernRow(
    long Id, string CompanyName, ConcernTopic Topic, ConcernState State, DateOnly ReceivedOn, ConcernDue? Due, string? AssignedTo);

public sealed record BodyConcernList(string BodyName, bool IsProgramAdmin, IReadOnlyList<BodyConcernRow> Rows);

public sealed record AuditorChoice(string UserId, string Name);

public sealed record ConcernDetail(
    long Id, int BodyId, string BodyName, string CompanyName, string Rfc, long DistinctiveId, string DistinctiveNumber,
    string VerificationCode, DistinctiveStatus DistinctiveStatus, ConcernTopic Topic, ConcernState State, DateOnly ReceivedOn,
    ConcernDue? Due, ConcernReport Report, string? Contact, string? CloseReason, string? AssignedAuditorId,
    IReadOnlyList<ConcernMessageView> Messages, IReadOnlyList<AuditorChoice> Auditors, bool IsProgramAdmin, Guid Version);

public enum ConcernCommand { Acknowledge, Reply, StartReview, Close, Assign, Suspend }

public enum ConcernOutcome { Done, NotFound, TextRequired, NotAllowed, Conflict }

/// <summary>
/// Worker concerns from the report form to the certifying body's inbox and back to the reporter. The body sees the
/// day, never the time; what the reporter wrote, the contact, the messages and the closing reason are encrypted with
/// a Data Protection purpose of the body and decrypted only for the body's staff (every read audited, for the body
/// only). The receipt code is stored as a salted PBKDF2 hash; a wrong and an unknown code cost the same and get the
/// same answer. Program admins see every concern of the body; auditors see those assigned to them; the company and
/// everyone else get 404.
/// </summary>
public sealed class ConcernService(
    IDbContextFactory<CertifyDbContext> dbFactory,
    IDataProtectionProvider dataProtection,
    TenantAccess tenants,
    ConcernLimits limits,
    DistinctiveLifecycleService lifecycle,
    TimeProvider clock)
{
    public const string ProtectionPurpose = "Certify.Concerns.Body";
    public const int HashIterations = 150_000;
    private static readonly byte[] DummySalt = new byte[16];

    public async Task<ReportTarget?> TargetAsync(string? code, CancellationToken ct)
    {
        if (!VerificationCode.TryParse(code, out var parsed))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Distinctives.AsNoTracking().Where(d => d.VerificationCode == parsed.Value)
            .Select(d => new ReportTarget(d.LegalName, d.CertifyingBody!.Name, parsed.Format())).SingleOrDefaultAsync(ct);
    }

    public async Task<ReportOutcome> ReportAsync(string? code, ConcernForm form, IPAddress? address, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!VerificationCode.TryParse(code, out var parsed))
        {
            return new ReportOutcome(ReportStatus.NotFound);
        }

        var errors = Validate(form, out var topic);
        if (errors.Count > 0)
        {
            return new ReportOutcome(ReportStatus.Invalid, Errors: errors);
        }

        if (!await limits.TryTakeAsync(ConcernLimits.Reports, address, ct))
        {
            return new ReportOutcome(ReportStatus.Limited);
        }

        if (!string.IsNullOrEmpty(form.Website))
        {
            // A bot filled the hidden field: it is told what a person would be, and nothing is stored.
            return new ReportOutcome(ReportStatus.Sent, ReceiptCode.Generate().Format());
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await db.Distinctives.AsNoTracking().Where(d => d.VerificationCode == parsed.Value)
            .Select(d => new { d.Id, d.CompanyId, d.CertifyingBodyId }).SingleOrDefaultAsync(ct);
        if (target is null)
        {
            return new ReportOutcome(ReportStatus.NotFound);
        }

        var protector = Protector(target.CertifyingBodyId);
        var report = new ConcernReport(form.What!.Trim(), Clean(form.Since), form.Ongoing switch { "yes" => true, "no" => false, _ => null });
        for (var attempt = 0; ; attempt++)
        {
            var receipt = ReceiptCode.Generate();
            var salt = RandomNumberGenerator.GetBytes(16);
            db.Concerns.Add(new Concern
            {
                CertifyingBodyId = target.CertifyingBodyId,
                CompanyId = target.CompanyId,
                DistinctiveId = target.Id,
                Topic = topic,
                State = ConcernState.New,
                ReceivedOn = BodyCalendar.Today(clock),
                ReportCipher = protector.Protect(JsonSerializer.Serialize(report)),
                ContactCipher = Clean(form.Contact) is { } contact ? protector.Protect(contact) : null,
                LookupId = receipt.LookupId,
                SecretSalt = salt,
                SecretHash = Hash(receipt.Secret, salt),
                Version = Guid.NewGuid(),
            });
            try
            {
                await db.SaveChangesAsync(ct);
                return new ReportOutcome(ReportStatus.Sent, receipt.Format());
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                // The lookup id was taken (one chance in a billion): draw another code.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The reporter's view, or null for a wrong, unknown or malformed code (same answer, same cost).</summary>
    public async Task<ReporterView?> FollowUpAsync(string? codeText, IPAddress? address, CancellationToken ct)
    {
        var found = await FindByReceiptAsync(codeText, address, ct);
        if (found is null)
        {
            return null;
        }

        var (db, concern) = found.Value;
        await using (db)
        {
            var protector = Protector(concern.CertifyingBodyId);
            var company = await db.Companies.AsNoTracking().Where(c => c.Id == concern.CompanyId).Select(c => c.LegalName).SingleAsync(ct);
            var messages = await MessagesAsync(db, concern.Id, protector, ct);
            return new ReporterView(company, concern.Topic, concern.State, concern.ReceivedOn,
                concern.CloseReasonCipher is { } reason ? protector.Unprotect(reason) : null, messages);
        }
    }

    /// <summary>The reporter answers the body; false for a bad code, an empty text or a closed concern.</summary>
    public async Task<bool> ReporterReplyAsync(string? codeText, string? text, IPAddress? address, CancellationToken ct)
    {
        var clean = Clean(text, ConcernForm.MaxTextLength);
        var found = await FindByReceiptAsync(codeText, address, ct);
        if (found is null)
        {
            return false;
        }

        var (db, concern) = found.Value;
        await using (db)
        {
            if (clean is null || concern.State == ConcernState.Closed)
            {
                return false;
            }

            db.ConcernMessages.Add(new ConcernMessage
            {
                ConcernId = concern.Id,
                FromReporter = true,
                TextCipher = Protector(concern.CertifyingBodyId).Protect(clean),
                SentOn = BodyCalendar.Today(clock),
            });
            await db.SaveChangesAsync(ct);
            return true;
        }
    }

    public async Task<BodyConcernList?> InboxAsync(int bodyId, ClaimsPrincipal user, CancellationToken ct)
    {
        var roles = await tenants.BodyRolesAsync(user, bodyId, ct);
        if (roles.Count == 0)
        {
            return null;
        }

        var isAdmin = roles.Contains(BodyRole.ProgramAdmin);
        var userId = TenantAccess.UserId(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bodyName = await db.CertifyingBodies.AsNoTracking().Where(b => b.Id == bodyId).Select(b => b.Name).SingleAsync(ct);
        var rows = await db.Concerns.AsNoTracking()
            .Where(c => c.CertifyingBodyId == bodyId && (isAdmin || c.AssignedAuditorId == userId))
            .OrderBy(c => c.State == ConcernState.Closed).ThenBy(c => c.ReceivedOn).ThenBy(c => c.Id)
            .Select(c => new
            {
                c.Id, Company = c.Company!.LegalName, c.Topic, c.State, c.ReceivedOn, c.AcknowledgedOn, c.FeedbackOn,
                Assigned = db.Users.Where(u => u.Id == c.AssignedAuditorId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var today = BodyCalendar.Today(clock);
        return new BodyConcernList(bodyName, isAdmin, [.. rows.Select(r => new BodyConcernRow(
            r.Id, r.Company, r.Topic, r.State, r.ReceivedOn,
            ConcernWorkflow.Due(new ConcernDates(r.State, r.ReceivedOn, r.AcknowledgedOn, r.FeedbackOn), today), r.Assigned))]);
    }

    /// <summary>The concern decrypted for the body's staff who may see it (null: 404); the read is audited.</summary>
    public async Task<ConcernDetail?> DetailAsync(int bodyId, long concernId, ClaimsPrincipal user, CancellationToken ct)
    {
        var access = await AccessAsync(bodyId, concernId, user, ct);
        if (access is null)
        {
            return null;
        }

        var isAdmin = access.Value;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Concerns.AsNoTracking().Where(x => x.Id == concernId)
            .Select(x => new
            {
                Concern = x, BodyName = x.CertifyingBody!.Name, Company = x.Company!.LegalName, x.Company.Rfc,
                x.Distinctive!.Number, x.Distinctive.VerificationCode, x.Distinctive.RevokedAt, x.Distinctive.SuspendedAt,
                x.Distinctive.ValidFrom, x.Distinctive.ValidUntil,
            })
            .SingleAsync(ct);
        var protector = Protector(bodyId);
        var messages = await MessagesAsync(db, concernId, protector, ct);
        var auditors = isAdmin
            ? await db.BodyMemberships.AsNoTracking().Where(m => m.CertifyingBodyId == bodyId && m.Active && m.Role == BodyRole.Auditor)
                .Select(m => new AuditorChoice(m.UserId, m.User!.DisplayName)).ToListAsync(ct)
            : [];
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.ConcernRead, nameof(Concern),
            concernId.ToString(CultureInfo.InvariantCulture), new { Concern = Label(concernId) }, bodyId: bodyId));
        await db.SaveChangesAsync(ct);

        var x = c.Concern;
        var now = clock.GetUtcNow();
        var report = JsonSerializer.Deserialize<ConcernReport>(protector.Unprotect(x.ReportCipher))!;
        return new ConcernDetail(
            x.Id, bodyId, c.BodyName, c.Company, c.Rfc, x.DistinctiveId, c.Number, VerificationCode.TryParse(c.VerificationCode, out var vc) ? vc.Format() : c.VerificationCode,
            DistinctiveStatusQuery.Derive(c.RevokedAt, c.SuspendedAt, c.ValidFrom, c.ValidUntil, now), x.Topic, x.State, x.ReceivedOn,
            ConcernWorkflow.Due(new ConcernDates(x.State, x.ReceivedOn, x.AcknowledgedOn, x.FeedbackOn), BodyCalendar.Today(clock)),
            report, x.ContactCipher is { } contact ? protector.Unprotect(contact) : null,
            x.CloseReasonCipher is { } reason ? protector.Unprotect(reason) : null, x.AssignedAuditorId, messages, auditors, isAdmin, x.Version);
    }

    /// <summary>
    /// The body acts on the concern: acknowledge, write to the reporter, start the review, close with a reason the
    /// reporter reads, assign an auditor (program admins), or suspend the company's distinctive with a public reason
    /// (program admins; the distinctive's own rules and audit apply).
    /// </summary>
    public async Task<ConcernOutcome> ActAsync(
        int bodyId, long concernId, ConcernCommand command, string? text, Guid? expectedVersion, ClaimsPrincipal user, CancellationToken ct)
    {
        var access = await AccessAsync(bodyId, concernId, user, ct);
        if (access is null)
        {
            return ConcernOutcome.NotFound;
        }

        var isAdmin = access.Value;
        if (command is ConcernCommand.Assign or ConcernCommand.Suspend && !isAdmin)
        {
            return ConcernOutcome.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var concern = await db.Concerns.SingleAsync(c => c.Id == concernId, ct);
        if (expectedVersion is { } seen && seen != concern.Version)
        {
            return ConcernOutcome.Conflict;
        }

        if (command == ConcernCommand.Suspend)
        {
            return await lifecycle.ApplyAsync(bodyId, concern.DistinctiveId, LifecycleAction.Suspend, text, null, user, ct) switch
            {
                LifecycleOutcome.Done => ConcernOutcome.Done,
                LifecycleOutcome.ReasonRequired => ConcernOutcome.TextRequired,
                LifecycleOutcome.Conflict => ConcernOutcome.Conflict,
                _ => ConcernOutcome.NotAllowed,
            };
        }

        var clean = Clean(text, ConcernForm.MaxTextLength);
        string audit;
        if (command == ConcernCommand.Assign)
        {
            var isAuditor = clean is not null && await db.BodyMemberships.AnyAsync(
                m => m.CertifyingBodyId == bodyId && m.UserId == clean && m.Active && m.Role == BodyRole.Auditor, ct);
            if (!isAuditor)
            {
                return ConcernOutcome.NotAllowed;
            }

            concern.AssignedAuditorId = clean;
            audit = AuditActions.ConcernAssigned;
        }
        else
        {
            var action = command switch
            {
                ConcernCommand.Acknowledge => ConcernAction.Acknowledge,
                ConcernCommand.StartReview => ConcernAction.StartReview,
                ConcernCommand.Close => ConcernAction.Close,
                _ => ConcernAction.Reply,
            };
            if (action is ConcernAction.Reply or ConcernAction.Close && clean is null)
            {
                return ConcernOutcome.TextRequired;
            }

            if (!ConcernWorkflow.CanApply(action, concern.State))
            {
                return ConcernOutcome.NotAllowed;
            }

            var today = BodyCalendar.Today(clock);
            var dates = ConcernWorkflow.Apply(action, new ConcernDates(concern.State, concern.ReceivedOn, concern.AcknowledgedOn, concern.FeedbackOn), today);
            (concern.State, concern.AcknowledgedOn, concern.FeedbackOn) = (dates.State, dates.AcknowledgedOn, dates.FeedbackOn);
            var protector = Protector(bodyId);
            if (action == ConcernAction.Reply)
            {
                db.ConcernMessages.Add(new ConcernMessage
                {
                    ConcernId = concernId, FromReporter = false, TextCipher = protector.Protect(clean!), SentOn = today,
                    AuthorUserId = TenantAccess.UserId(user),
                });
            }
            else if (action == ConcernAction.Close)
            {
                concern.ClosedOn = today;
                concern.CloseReasonCipher = protector.Protect(clean!);
            }

            audit = action switch
            {
                ConcernAction.Acknowledge => AuditActions.ConcernAcknowledged,
                ConcernAction.StartReview => AuditActions.ConcernReviewStarted,
                ConcernAction.Close => AuditActions.ConcernClosed,
                _ => AuditActions.ConcernReplied,
            };
        }

        db.Entry(concern).Property(c => c.Version).OriginalValue = concern.Version;
        concern.Version = Guid.NewGuid();
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), audit, nameof(Concern),
            concernId.ToString(CultureInfo.InvariantCulture), new { Concern = Label(concernId) }, bodyId: bodyId));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ConcernOutcome.Conflict;
        }

        return ConcernOutcome.Done;
    }

    /// <summary>How a concern is named to the body: its number.</summary>
    public static string Label(long concernId) => string.Create(CultureInfo.InvariantCulture, $"#{concernId}");

    /// <summary>Null when the user may not see the concern; otherwise whether they are a program admin of its body.</summary>
    private async Task<bool?> AccessAsync(int bodyId, long concernId, ClaimsPrincipal user, CancellationToken ct)
    {
        var roles = await tenants.BodyRolesAsync(user, bodyId, ct);
        if (roles.Count == 0)
        {
            return null;
        }

        var isAdmin = roles.Contains(BodyRole.ProgramAdmin);
        var userId = TenantAccess.UserId(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = await db.Concerns.AnyAsync(
            c => c.Id == concernId && c.CertifyingBodyId == bodyId && (isAdmin || c.AssignedAuditorId == userId), ct);
        return visible ? isAdmin : null;
    }

    private async Task<(CertifyDbContext Db, Concern Concern)?> FindByReceiptAsync(string? codeText, IPAddress? address, CancellationToken ct)
    {
        if (!await limits.TryTakeAsync(ConcernLimits.CodeTries, address, ct))
        {
            return null;
        }

        var parsed = ReceiptCode.TryParse(codeText, out var code);
        var db = await dbFactory.CreateDbContextAsync(ct);
        var concern = parsed ? await db.Concerns.SingleOrDefaultAsync(c => c.LookupId == code.LookupId, ct) : null;
        // The hash is computed whatever was found, so a wrong code and an unknown one take the same time.
        var hash = Hash(parsed ? code.Secret : "", concern?.SecretSalt ?? DummySalt);
        if (concern is not null && CryptographicOperations.FixedTimeEquals(hash, concern.SecretHash))
        {
            return (db, concern);
        }

        await db.DisposeAsync();
        return null;
    }

    private static async Task<List<ConcernMessageView>> MessagesAsync(CertifyDbContext db, long concernId, IDataProtector protector, CancellationToken ct) =>
        [.. (await db.ConcernMessages.AsNoTracking().Where(m => m.ConcernId == concernId).OrderBy(m => m.Id).ToListAsync(ct))
            .Select(m => new ConcernMessageView(m.FromReporter, m.SentOn, protector.Unprotect(m.TextCipher)))];

    private IDataProtector Protector(int bodyId) =>
        dataProtection.CreateProtector(ProtectionPurpose, bodyId.ToString(CultureInfo.InvariantCulture));

    private static byte[] Hash(string secret, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, HashIterations, HashAlgorithmName.SHA256, 32);

    private static List<string> Validate(ConcernForm form, out ConcernTopic topic)
    {
        var errors = new List<string>();
        if (!Enum.TryParse(form.Topic, out topic) || !Enum.IsDefined(topic))
        {
            errors.Add("TopicRequired");
        }

        var what = form.What?.Trim() ?? "";
        if (what.Length < ConcernForm.MinTextLength)
        {
            errors.Add("WhatTooShort");
        }
        else if (what.Length > ConcernForm.MaxTextLength)
        {
            errors.Add("WhatTooLong");
        }

        if ((form.Since?.Length ?? 0) > ConcernForm.MaxShortLength || (form.Contact?.Length ?? 0) > ConcernForm.MaxShortLength)
        {
            errors.Add("ShortTooLong");
        }

        return errors;
    }

    private static string? Clean(string? text, int max = ConcernForm.MaxShortLength) =>
        text?.Trim() is { Length: > 0 } trimmed ? (trimmed.Length > max ? trimmed[..max] : trimmed) : null;
}

/// <summary>The distinctive a report form is about, as the worker sees it.</summary>
public sealed record ReportTarget(string CompanyName, string BodyName, string Code);
