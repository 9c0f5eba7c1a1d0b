namespace Certify.Domain.Buyers;

/// <summary>
/// When a failed webhook delivery is tried again: exponential back-off from one minute, doubling, for
/// <see cref="MaxAttempts"/> attempts in all (the last about 4 hours after the first); an endpoint whose deliveries
/// fail <see cref="DisableAfterFailures"/> times in a row is disabled and its owner told.
/// </summary>
public static class WebhookSchedule
{
    public const int MaxAttempts = 8;
    public const int DisableAfterFailures = 15;
    public static readonly TimeSpan TimeOut = TimeSpan.FromSeconds(5);
    public const int MaxStoredResponse = 1024;

    /// <summary>The wait after attempt <paramref name="attempt"/> (1-based) failed; null when no attempt is left.</summary>
    public static TimeSpan? RetryAfter(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        return attempt >= MaxAttempts ? null : TimeSpan.FromMinutes(Math.Pow(2, attempt - 1));
    }
}
