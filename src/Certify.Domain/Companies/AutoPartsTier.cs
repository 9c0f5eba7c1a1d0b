namespace Certify.Domain.Companies;

/// <summary>A supplier's position in the automotive supply chain.</summary>
public enum AutoPartsTier
{
    /// <summary>Supplies the vehicle manufacturers (OEMs) directly.</summary>
    Tier1,

    /// <summary>Supplies Tier 1 suppliers.</summary>
    Tier2,

    /// <summary>Supplies Tier 2 suppliers, usually raw or semi-finished material.</summary>
    Tier3,

    Other,
}
