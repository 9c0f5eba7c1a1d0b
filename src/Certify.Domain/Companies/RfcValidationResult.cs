namespace Certify.Domain.Companies;

/// <summary>Outcome of <see cref="Rfc.Validate"/>.</summary>
/// <param name="IsValid">True only when <paramref name="Error"/> is <see cref="RfcError.None"/>.</param>
/// <param name="Normalized">The input trimmed and upper-cased, whatever the outcome ("" for null).</param>
/// <param name="Error">Why the RFC was refused, or <see cref="RfcError.None"/>.</param>
/// <param name="Kind">Set whenever the normalised length is 12 or 13, even if a later check failed.</param>
public sealed record RfcValidationResult(bool IsValid, string Normalized, RfcError Error, RfcKind? Kind);
