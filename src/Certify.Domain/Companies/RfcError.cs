namespace Certify.Domain.Companies;

/// <summary>The first reason an RFC was refused, in the order <see cref="Rfc.Validate"/> checks them.</summary>
public enum RfcError
{
    None,
    Empty,
    WrongLength,
    InvalidCharacters,
    InvalidDate,
    BadCheckDigit,

    /// <summary>A generic RFC the SAT uses for the public or foreigners; it does not identify a company.</summary>
    GenericRfc,
}
