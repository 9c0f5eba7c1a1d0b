using Certify.Domain.Companies;

namespace Certify.Data.Entities;

/// <summary>An employer registered on the platform. A tenant.</summary>
public class Company
{
    public int Id { get; set; }
    public required string LegalName { get; set; }
    public string? TradeName { get; set; }
    public required string Rfc { get; set; }
    public MexicanState State { get; set; }
    public required string Municipality { get; set; }
    public int Workers { get; set; }
    public AutoPartsTier Tier { get; set; }
    public string? ImssEmployerRegistration { get; set; }
    public string? RepseFolio { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Changed on every save: SQLite has no row version, so the application sets the token.</summary>
    public Guid Version { get; set; }

    public CompanySize Size => CompanySizes.FromWorkers(Workers);

    public List<CompanyMembership> Members { get; set; } = [];
}
