using System.Security.Claims;
using System.Text.Json;
using Certify.Data;
using Certify.Web.Features.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Notifications;

/// <summary>A notification as the bell and the notifications page show it, already in the reader's language.</summary>
public sealed record NotificationItem(long Id, string Title, string Body, DateTimeOffset CreatedAt, bool Unread);

/// <summary>One page of a user's notifications, newest first; <see cref="Page"/> starts at 1.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationItem> Items, int Total, int Unread, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The signed-in user's own notifications: list, count, mark read. Every query is scoped to the user's id, so another
/// user's notification id is simply not found.
/// </summary>
public sealed class NotificationService(IDbContextFactory<CertifyDbContext> dbFactory, TimeProvider clock)
{
    public const int PageSize = 20;
    public const int BellSize = 8;

    public async Task<int> UnreadCountAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (TenantAccess.UserId(user) is not { } userId)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.AsNoTracking().CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);
    }

    /// <summary>The newest <paramref name="count"/> notifications, read or not.</summary>
    public async Task<IReadOnlyList<NotificationItem>> LatestAsync(ClaimsPrincipal user, int count, bool english, CancellationToken ct) =>
        (await PageAsync(user, 1, count, english, ct)).Items;

    /// <summary>Page <paramref name="page"/> (from 1; out-of-range values are clamped) of <see cref="PageSize"/> notifications.</summary>
    public Task<NotificationPage> PageAsync(ClaimsPrincipal user, int page, bool english, CancellationToken ct) =>
        PageAsync(user, page, PageSize, english, ct);

    /// <summary>Marks the user's notification read and returns the local path it opens; null when it is not theirs.</summary>
    public async Task<string?> OpenAsync(long id, ClaimsPrincipal user, CancellationToken ct)
    {
        if (TenantAccess.UserId(user) is not { } userId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var url = await db.Notifications.AsNoTracking().Where(n => n.Id == id && n.UserId == userId).Select(n => n.Url).SingleOrDefaultAsync(ct);
        if (url is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => n.Id == id && n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return url;
    }

    /// <summary>Marks every unread notification of the user read; returns how many changed.</summary>
    public async Task<int> MarkAllReadAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (TenantAccess.UserId(user) is not { } userId)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    /// <summary>
    /// True for a path this app serves: starts with one "/" and is not protocol-relative ("//host", "/\host"), so a
    /// stored URL can never redirect the reader to another site.
    /// </summary>
    public static bool IsLocalPath(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private async Task<NotificationPage> PageAsync(ClaimsPrincipal user, int page, int size, bool english, CancellationToken ct)
    {
        if (TenantAccess.UserId(user) is not { } userId)
        {
            return new NotificationPage([], 0, 0, 1, size);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        var total = await mine.CountAsync(ct);
        var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        var pageCount = Math.Max(1, (total + size - 1) / size);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await mine.OrderByDescending(n => n.Id).Skip((page - 1) * size).Take(size)
            .Select(n => new { n.Id, n.Kind, n.DataJson, n.CreatedAt, n.ReadAt })
            .ToListAsync(ct);
        var items = rows.Select(n =>
        {
            var text = Render(n.Kind, n.DataJson, english);
            return new NotificationItem(n.Id, text.Title, text.Body, n.CreatedAt, n.ReadAt is null);
        }).ToList();
        return new NotificationPage(items, total, unread, page, size);
    }

    /// <summary>A kind this version no longer knows still shows, by its name, rather than breaking the page.</summary>
    private static NotificationText Render(string kind, string dataJson, bool english)
    {
        var data = JsonSerializer.Deserialize<Dictionary<string, string>>(dataJson) ?? [];
        return Enum.TryParse<NotificationKind>(kind, out var known) && Enum.IsDefined(known)
            ? NotificationTexts.Render(known, english, data)
            : new NotificationText(kind, "");
    }
}
