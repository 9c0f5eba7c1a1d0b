using Certify.Domain.Companies;

namespace Certify.Data.Entities;

/// <summary>
/// A distinctive issued for one approved assessment (unique: a re-run issuance job cannot issue twice). The company's
/// name, RFC and state are copied at issuance, as the certificate and credential state them. Expiry is derived from
/// <see cref="ValidUntil"/>; suspension and revocation are stored, with the reason shown to the public.
/// </summary>
public class Distinctive
{
    public long Id { get; set; }
    public int AssessmentId { get; set; }
    public Assessment? Assessment { get; set; }
    public int CompanyId { get; set; }
    public Company? Company { get; set; }
    public int ProgramId { get; set; }
    public CertificationProgram? Program { get; set; }
    public int CertifyingBodyId { get; set; }
    public CertifyingBody? CertifyingBody { get; set; }

    /// <summary>Human number <c>{PROGRAM}-{YEAR}-{SEQ}</c>, e.g. DRL-AUTO-2026-00042; unique.</summary>
    public required string Number { get; set; }

    public int Year { get; set; }
    public int Sequence { get; set; }

    /// <summary>Canonical verification code (13 characters, no separators); unique.</summary>
    public required string VerificationCode { get; set; }

    public required string LegalName { get; set; }
    public required string Rfc { get; set; }
    public MexicanState State { get; set; }
    public required string LevelCode { get; set; }
    public decimal Score { get; set; }

    /// <summary>Section codes of the questionnaire the distinctive covers, comma-separated (e.g. "SUB,LIB,IGU").</summary>
    public required string Topics { get; set; }

    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset ValidFrom { get; set; }

    /// <summary>Exclusive: the first instant the distinctive is no longer valid.</summary>
    public DateTimeOffset ValidUntil { get; set; }

    public DateTimeOffset? SuspendedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Why it was last suspended, reinstated or revoked; public.</summary>
    public string? StatusReason { get; set; }

    /// <summary>Position in the certifying body's revocation and suspension status lists; unique per body.</summary>
    public int StatusListIndex { get; set; }

    /// <summary>The signed credential (vc+jwt compact serialization).</summary>
    public required string CredentialJwt { get; set; }

    /// <summary>The key id (kid) that signed the credential.</summary>
    public required string SigningKeyId { get; set; }

    /// <summary>
    /// Whether <see cref="CredentialJwt"/> verified against the body's published keys when last checked (at issuance and
    /// after the body's keys rotate); null until checked. Pages show it instead of verifying on every view.
    /// </summary>
    public bool? SignatureValid { get; set; }

    /// <summary>When <see cref="SignatureValid"/> was last checked.</summary>
    public DateTimeOffset? SignatureVerifiedAt { get; set; }

    public string? PdfStorageKey { get; set; }
    public string? PdfSha256 { get; set; }

    /// <summary>The last expiry warning sent (60, 30 or 7 days before), so the daily job warns once per threshold.</summary>
    public int? LastExpiryWarning { get; set; }

    public Guid Version { get; set; }
}

/// <summary>How many times a distinctive's public verification page was opened on a day (the body's day): counts only.</summary>
public class DistinctiveVerificationDay
{
    public long DistinctiveId { get; set; }
    public Distinctive? Distinctive { get; set; }
    public DateOnly Day { get; set; }
    public int Count { get; set; }
}
