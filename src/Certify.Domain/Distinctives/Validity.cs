using Certify.Domain.Programs;

namespace Certify.Domain.Distinctives;

/// <summary>
/// When a distinctive is valid: whole calendar days in the certifying body's time zone, from the start of
/// <see cref="FirstDay"/> up to, <b>but not including</b>, the start of <see cref="ExpiresOn"/>.
/// </summary>
/// <param name="FirstDay">The day of issue, the first valid day.</param>
/// <param name="ExpiresOn">The first day on which the distinctive is no longer valid.</param>
/// <param name="ValidFrom">The first instant of <paramref name="FirstDay"/> in the body's zone (VC <c>validFrom</c>).</param>
/// <param name="ValidUntil">
/// The first instant of <paramref name="ExpiresOn"/> in the body's zone (VC <c>validUntil</c>). It is
/// <b>exclusive</b>: at this instant the distinctive has expired. People are shown <see cref="LastDay"/>.
/// </param>
public sealed record ValidityPeriod(DateOnly FirstDay, DateOnly ExpiresOn, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil)
{
    /// <summary>The last valid day, shown as "vigente hasta" (inclusive).</summary>
    public DateOnly LastDay => ExpiresOn.AddDays(-1);
}

/// <summary>Validity of a distinctive from its day of issue and the months its level grants.</summary>
public static class Validity
{
    /// <summary>The validity of a distinctive issued at <paramref name="issuedAt"/>, read as a day in <paramref name="zone"/>.</summary>
    public static ValidityPeriod For(DateTimeOffset issuedAt, LevelRule level, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return For(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(issuedAt, zone).DateTime), level, zone);
    }

    /// <summary>The validity of a distinctive issued on <paramref name="issuedOn"/> at <paramref name="level"/>.</summary>
    public static ValidityPeriod For(DateOnly issuedOn, LevelRule level, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(level);
        return For(issuedOn, level.ValidityMonths, zone);
    }

    /// <summary>The validity of a distinctive issued on <paramref name="issuedOn"/> for <paramref name="months"/>.</summary>
    public static ValidityPeriod For(DateOnly issuedOn, int months, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var expiresOn = ExpiryDay(issuedOn, months);
        return new ValidityPeriod(issuedOn, expiresOn, StartOfDay(issuedOn, zone), StartOfDay(expiresOn, zone));
    }

    /// <summary>
    /// The first day without validity: the same day of the month <paramref name="months"/> later. When that month
    /// is too short (31 January + 1 month), the distinctive stays valid through the month's last day and expires on
    /// the 1st of the next month, so no holder gets less than the months the program promises.
    /// </summary>
    public static DateOnly ExpiryDay(DateOnly issuedOn, int months)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        var sameDay = issuedOn.AddMonths(months);
        return sameDay.Day == issuedOn.Day ? sameDay : sameDay.AddDays(1);
    }

    /// <summary>The first instant of <paramref name="day"/> in <paramref name="zone"/>, past any daylight-saving gap.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
