namespace Certify.Domain.Accounts;

/// <summary>
/// How often one address may receive an account link (password reset, e-mail confirmation): at most one a minute and
/// <see cref="PerHour"/> an hour. A refused request gets the same answer as an accepted one, so nobody learns from it.
/// </summary>
public static class AccountEmailThrottle
{
    public const int PerHour = 5;

    public static readonly TimeSpan MinimumGap = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>Whether another link may go out at <paramref name="now"/>, given when the earlier ones were queued.</summary>
    public static bool Allows(IEnumerable<DateTimeOffset> earlierSends, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(earlierSends);
        var recent = earlierSends.Where(s => s > now - Window).ToList();
        return recent.Count < PerHour && recent.All(s => s <= now - MinimumGap);
    }
}
