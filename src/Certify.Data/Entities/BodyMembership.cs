using Certify.Domain.Tenancy;

namespace Certify.Data.Entities;

public class BodyMembership
{
    public int Id { get; set; }
    public int CertifyingBodyId { get; set; }
    public CertifyingBody? CertifyingBody { get; set; }
    public required string UserId { get; set; }
    public ApplicationUser? User { get; set; }
    public BodyRole Role { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}
