using Certify.Domain.Tenancy;

namespace Certify.Data.Entities;

public class CompanyMembership
{
    public int Id { get; set; }
    public int CompanyId { get; set; }
    public Company? Company { get; set; }
    public required string UserId { get; set; }
    public ApplicationUser? User { get; set; }
    public CompanyRole Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
