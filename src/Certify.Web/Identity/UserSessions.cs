using System.Security.Claims;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Certify.Web.Identity;

/// <summary>An open session as its owner sees it on Account/Manage/Sessions.</summary>
public sealed record ActiveSession(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string UserAgent);

/// <summary>
/// The server-side session records, the single truth about whether an auth cookie is still good. The database
/// decides; staff are checked on every request, everyone else at most a minute late: a node remembers a good
/// answer for a minute of the app's clock (never longer), and forgets it at once when it ends the session itself.
/// </summary>
public sealed class UserSessions(
    IDbContextFactory<CertifyDbContext> dbFactory,
    TimeProvider clock,
    IMemoryCache cache,
    IOptionsMonitor<SecurityOptions> options)
{
    public static bool IsStaff(ClaimsPrincipal user) =>
        user.HasClaim(CertifyClaims.BodyStaff, "true") || user.IsInRole(CertifyClaims.PlatformAdminRole);

    public static Guid? SessionId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(CertifyClaims.SessionId), out var id) ? id : null;

    public async Task<Guid> StartAsync(string userId, string? userAgent, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var agent = userAgent ?? "";
        var session = new UserSession
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            UserAgent = agent.Length > UserSession.UserAgentMaxLength ? agent[..UserSession.UserAgentMaxLength] : agent,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>True while the session is open, belongs to <paramref name="userId"/> and is not idle.</summary>
    public async Task<bool> IsOpenAsync(Guid id, string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.UserSessions.AnyAsync(s => s.Id == id && s.UserId == userId && s.EndedAt == null, ct);
    }

    /// <summary>
    /// Whether the session may go on. An idle session is ended here. With <paramref name="seen"/> the user did
    /// something, and last seen moves on (written at most once a minute).
    /// </summary>
    public async Task<bool> ValidateAsync(Guid id, string userId, bool staff, bool seen, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // A remembered answer never hides activity: when last seen is due a write, the database is asked anyway.
        if (!staff && cache.TryGetValue<CheckedSession>(CacheKey(id), out var check) && check is not null
            && now - check.CheckedAt < SessionRules.TouchInterval
            && !(seen && SessionRules.NeedsTouch(check.LastSeenAt, now)))
        {
            return true;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.UserSessions.AsNoTracking().Where(s => s.Id == id && s.UserId == userId)
            .Select(s => new { s.LastSeenAt, s.EndedAt }).SingleOrDefaultAsync(ct);
        if (session is null || session.EndedAt is not null)
        {
            cache.Remove(CacheKey(id));
            return false;
        }

        var security = options.CurrentValue;
        if (SessionRules.IsIdle(session.LastSeenAt, now, SessionRules.IdleTimeoutFor(staff, security.IdleTimeoutStaff, security.IdleTimeout)))
        {
            await EndAsync(id, SessionEndReason.Idle, ct);
            return false;
        }

        var lastSeenAt = session.LastSeenAt;
        if (seen && SessionRules.NeedsTouch(lastSeenAt, now))
        {
            await db.UserSessions.Where(s => s.Id == id && s.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct);
            lastSeenAt = now;
        }

        if (!staff)
        {
            cache.Set(CacheKey(id), new CheckedSession(now, lastSeenAt), SessionRules.TouchInterval);
        }

        return true;
    }

    public async Task EndAsync(Guid id, SessionEndReason reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.UserSessions.Where(s => s.Id == id && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), ct);
        cache.Remove(CacheKey(id));
    }

    /// <summary>Ends one of the user's own sessions; false when it is not theirs or already ended.</summary>
    public async Task<bool> EndOwnAsync(string userId, Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ended = await db.UserSessions.Where(s => s.Id == id && s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, SessionEndReason.EndedByUser), ct);
        cache.Remove(CacheKey(id));
        return ended > 0;
    }

    /// <summary>Ends every open session of the user, except <paramref name="keep"/> (the one asking, when it stays).</summary>
    public async Task<int> EndAllAsync(string userId, SessionEndReason reason, Guid? keep, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null && s.Id != keep);
        var ids = await open.Select(s => s.Id).ToListAsync(ct);
        var ended = await open.ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), ct);
        foreach (var id in ids)
        {
            cache.Remove(CacheKey(id));
        }

        return ended;
    }

    /// <summary>The user's open sessions that are not idle, most recently seen first.</summary>
    public async Task<IReadOnlyList<ActiveSession>> ActiveAsync(string userId, bool staff, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var security = options.CurrentValue;
        var timeout = SessionRules.IdleTimeoutFor(staff, security.IdleTimeoutStaff, security.IdleTimeout);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = await db.UserSessions.AsNoTracking().Where(s => s.UserId == userId && s.EndedAt == null)
            .Select(s => new ActiveSession(s.Id, s.CreatedAt, s.LastSeenAt, s.UserAgent)).ToListAsync(ct);
        return open.Where(s => !SessionRules.IsIdle(s.LastSeenAt, now, timeout)).OrderByDescending(s => s.LastSeenAt).ToList();
    }

    private static string CacheKey(Guid id) => $"session:{id:N}";

    private sealed record CheckedSession(DateTimeOffset CheckedAt, DateTimeOffset LastSeenAt);
}
