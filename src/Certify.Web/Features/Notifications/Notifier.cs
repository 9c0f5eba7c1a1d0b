using System.Text.Json;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Tenancy;
using Certify.Web.Infrastructure;
using Certify.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Notifications;

/// <summary>
/// Tells people about an event: one in-app notification and one e-mail per recipient, added to the caller's unit of
/// work so they exist exactly when the change that caused them is committed. A recipient who already has a
/// notification with the same dedupe key gets nothing new, so a re-run tells nobody twice.
/// </summary>
public sealed class Notifier(EmailOutbox outbox, IConfiguration configuration, TimeProvider clock)
{
    /// <summary>
    /// Stages the notifications and e-mails; call <see cref="Dispatch"/> with the result after saving.
    /// <paramref name="path"/> is the local page the notification opens; users in <paramref name="inAppOnly"/> get the
    /// notification without an e-mail (they chose a daily digest).
    /// </summary>
    public async Task<IReadOnlyList<OutboundEmail>> StageAsync(
        CertifyDbContext db, NotificationKind kind, IEnumerable<string> userIds, string path,
        IReadOnlyDictionary<string, string> data, string dedupeKey, CancellationToken ct, IReadOnlySet<string>? inAppOnly = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var already = await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.UserId) && n.DedupeKey == dedupeKey)
            .Select(n => n.UserId).ToListAsync(ct);
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && !already.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.PreferredCulture }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var json = JsonSerializer.Serialize(data);
        var link = $"{PublicUrl.Base(configuration)}{path}";
        var emails = new List<OutboundEmail>();
        foreach (var user in users)
        {
            db.Notifications.Add(new Notification
            {
                UserId = user.Id,
                Kind = kind.ToString(),
                DedupeKey = dedupeKey,
                Url = path,
                DataJson = json,
                CreatedAt = now,
            });
            if (user.Email is not null && inAppOnly?.Contains(user.Id) != true)
            {
                var english = EmailTemplates.IsEnglish(user.PreferredCulture);
                var text = NotificationTexts.Render(kind, english, data);
                emails.Add(outbox.Stage(db, user.Email, EmailTemplates.Build(text.Title, "", text.Body,
                    english ? "Open in Certify" : "Abrir en Certify", link,
                    english ? "You can also find this under the bell in Certify." : "También lo encuentras en la campana de Certify.")));
            }
        }

        return emails;
    }

    public void Dispatch(IReadOnlyList<OutboundEmail> saved) => outbox.Dispatch(saved);

    /// <summary>Everyone who belongs to the company (any role).</summary>
    public static Task<List<string>> CompanyMembersAsync(CertifyDbContext db, int companyId, CancellationToken ct) =>
        db.CompanyMemberships.AsNoTracking().Where(m => m.CompanyId == companyId).Select(m => m.UserId).ToListAsync(ct);

    /// <summary>The active program admins of the certifying body.</summary>
    public static Task<List<string>> ProgramAdminsAsync(CertifyDbContext db, int bodyId, CancellationToken ct) =>
        db.BodyMemberships.AsNoTracking().Where(m => m.CertifyingBodyId == bodyId && m.Active && m.Role == BodyRole.ProgramAdmin)
            .Select(m => m.UserId).ToListAsync(ct);
}
