namespace Certify.Domain.Tenancy;

/// <summary>A user's role inside one employer company.</summary>
public enum CompanyRole
{
    /// <summary>Manages the company's members; every company keeps at least one.</summary>
    Owner,
    Member,
}
