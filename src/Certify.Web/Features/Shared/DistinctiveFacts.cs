using Certify.Domain.Distinctives;

namespace Certify.Web.Features.Shared;

/// <summary>How a stored distinctive reads to people: its code, its days in the body's calendar and its status.</summary>
public static class DistinctiveFacts
{
    /// <summary>The stored canonical verification code; throws when the row holds something else.</summary>
    public static VerificationCode Code(string stored) =>
        VerificationCode.TryParse(stored, out var code) ? code : throw new FormatException($"'{stored}' is not a verification code.");

    /// <summary>The first valid day.</summary>
    public static DateOnly FirstDay(DateTimeOffset validFrom) => DateOnly.FromDateTime(BodyCalendar.Local(validFrom).DateTime);

    /// <summary>The last valid day ("vigente hasta"); <paramref name="validUntil"/> is the exclusive end.</summary>
    public static DateOnly LastDay(DateTimeOffset validUntil) => DateOnly.FromDateTime(BodyCalendar.Local(validUntil).DateTime).AddDays(-1);

    public static DistinctiveStatus Status(DateTimeOffset? revokedAt, DateTimeOffset? suspendedAt, DateTimeOffset validFrom, DateTimeOffset validUntil, DateTimeOffset now) =>
        DistinctiveStatuses.Derive(revokedAt, suspendedAt is not null, validFrom, validUntil, now);
}

/// <summary>Site paths of a company's distinctives.</summary>
public static class DistinctivePaths
{
    /// <summary>"Mis distintivos".</summary>
    public static string Company(int companyId) => $"/empresas/{companyId}/distintivos";

    public static string Pdf(long distinctiveId) => $"/distintivos/{distinctiveId}/pdf";

    public static string Credential(long distinctiveId) => $"/distintivos/{distinctiveId}/credential.jwt";
}
