namespace Certify.Domain.Companies;

/// <summary>Which kind of taxpayer an RFC identifies, decided by its length.</summary>
public enum RfcKind
{
    /// <summary>Persona moral: 12 characters.</summary>
    LegalEntity,

    /// <summary>Persona física: 13 characters.</summary>
    Individual,
}
