using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Certify.Data;
using Certify.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Concerns;

/// <summary>
/// Limits per network and day on the anonymous concern pages (reports sent, receipt codes tried), counted in the
/// database so they hold across nodes, keyed without keeping the network: an HMAC of the address's /24 (IPv4) or /48
/// (IPv6) with a random salt of the day that every node shares and that is deleted the next day. A counter is never
/// linked to a concern.
/// </summary>
public sealed class ConcernLimits(IDbContextFactory<CertifyDbContext> dbFactory, TimeProvider clock)
{
    public const string Reports = "report";
    public const string CodeTries = "code";

    /// <summary>Concerns one network may send a day.</summary>
    public const int ReportsPerDay = 5;

    /// <summary>Receipt codes one network may try a day (right or wrong).</summary>
    public const int CodeTriesPerDay = 30;

    /// <summary>Counts one more <paramref name="kind"/> for the network of <paramref name="address"/>; false once over the day's limit.</summary>
    public async Task<bool> TryTakeAsync(string kind, IPAddress? address, CancellationToken ct)
    {
        var limit = kind == Reports ? ReportsPerDay : CodeTriesPerDay;
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = Convert.ToHexString(HMACSHA256.HashData(await SaltAsync(db, day, ct), Network(address)));
        for (var attempt = 0; ; attempt++)
        {
            // Conditional increment first; the row is created only when missing (unique day/kind/key): no lock.
            var updated = await db.ConcernThrottles.Where(t => t.Day == day && t.Kind == kind && t.Key == key && t.Count < limit)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Count, t => t.Count + 1), ct);
            if (updated == 1)
            {
                return true;
            }

            if (await db.ConcernThrottles.AnyAsync(t => t.Day == day && t.Kind == kind && t.Key == key, ct))
            {
                return false;
            }

            db.ConcernThrottles.Add(new ConcernThrottle { Day = day, Kind = kind, Key = key, Count = 1 });
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<byte[]> SaltAsync(CertifyDbContext db, DateOnly day, CancellationToken ct)
    {
        if (await db.ConcernDaySalts.AsNoTracking().Where(s => s.Day == day).Select(s => s.Salt).SingleOrDefaultAsync(ct) is { } salt)
        {
            return salt;
        }

        // Yesterday's salts and counters go: after today nobody can tell which network a counter was.
        await db.ConcernDaySalts.Where(s => s.Day < day).ExecuteDeleteAsync(ct);
        await db.ConcernThrottles.Where(t => t.Day < day).ExecuteDeleteAsync(ct);
        db.ConcernDaySalts.Add(new ConcernDaySalt { Day = day, Salt = RandomNumberGenerator.GetBytes(32) });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request or node made the day's salt first: use theirs.
            db.ChangeTracker.Clear();
        }

        return await db.ConcernDaySalts.AsNoTracking().Where(s => s.Day == day).Select(s => s.Salt).SingleAsync(ct);
    }

    /// <summary>The address's network: /24 for IPv4 (and IPv4-mapped IPv6), /48 for IPv6.</summary>
    public static byte[] Network(IPAddress? address)
    {
        if (address is null)
        {
            return [];
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var keep = address.AddressFamily == AddressFamily.InterNetwork ? 3 : 6;
        return [.. bytes.Take(keep), (byte)bytes.Length];
    }
}
