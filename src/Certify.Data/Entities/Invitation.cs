using Certify.Domain.Tenancy;

namespace Certify.Data.Entities;

/// <summary>
/// An e-mailed, single-use invitation to join a company (owner/member) or a certifying body (auditor).
/// Only the SHA-256 of the token is stored, so a database leak does not leak usable links.
/// </summary>
public class Invitation
{
    public int Id { get; set; }
    public int? CompanyId { get; set; }
    public Company? Company { get; set; }
    public int? CertifyingBodyId { get; set; }
    public CertifyingBody? CertifyingBody { get; set; }
    public int? BuyerId { get; set; }
    public Buyer? Buyer { get; set; }
    public CompanyRole? CompanyRole { get; set; }
    public BodyRole? BodyRole { get; set; }
    public required string Email { get; set; }
    public required string TokenHash { get; set; }
    public required string InvitedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public string? AcceptedByUserId { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public InvitationState StateAt(DateTimeOffset now) => Invitations.StateAt(CreatedAt, AcceptedAt, RevokedAt, now);
}
