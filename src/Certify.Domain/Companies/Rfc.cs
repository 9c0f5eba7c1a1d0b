namespace Certify.Domain.Companies;

/// <summary>Validation of the Mexican RFC (Registro Federal de Contribuyentes).</summary>
public static class Rfc
{
    private const int LegalEntityLength = 12;
    private const int IndividualLength = 13;
    private const int DateLength = 6;
    private const int HomoclaveLength = 3;

    // The SAT check-digit table: a character's value is its index here (A–N 10–23, & 24, O–Z 25–36, space 37, Ñ 38).
    private const string CheckDigitValues = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ";

    private static readonly string[] GenericRfcs = ["XAXX010101000", "XEXX010101000"];

    /// <summary>
    /// Trims and upper-cases (invariant) the input, then checks, stopping at the first failure:
    /// empty, length (12 or 13), characters per position, generic RFC, calendar date, check digit.
    /// </summary>
    /// <remarks>
    /// A valid result means well-formed, not registered: like any mod-11 digit, the SAT's check digit misses
    /// changes whose weighted difference is a multiple of 11, e.g. any letter swapped at the position weighted 11
    /// (the 2nd character of a legal entity's RFC, the 3rd of an individual's).
    /// </remarks>
    public static RfcValidationResult Validate(string? input)
    {
        var normalized = (input ?? string.Empty).Trim().ToUpperInvariant();

        if (normalized.Length == 0)
        {
            return Refused(normalized, RfcError.Empty, kind: null);
        }

        RfcKind? kind = normalized.Length switch
        {
            LegalEntityLength => RfcKind.LegalEntity,
            IndividualLength => RfcKind.Individual,
            _ => null,
        };
        if (kind is null)
        {
            return Refused(normalized, RfcError.WrongLength, kind);
        }

        var nameLength = normalized.Length - DateLength - HomoclaveLength;
        if (!HasAllowedCharacters(normalized, nameLength))
        {
            return Refused(normalized, RfcError.InvalidCharacters, kind);
        }

        // Generic RFCs do not carry a valid check digit, so they must be recognised before it is checked.
        if (GenericRfcs.Contains(normalized, StringComparer.Ordinal))
        {
            return Refused(normalized, RfcError.GenericRfc, kind);
        }

        if (!IsCalendarDate(normalized.AsSpan(nameLength, DateLength)))
        {
            return Refused(normalized, RfcError.InvalidDate, kind);
        }

        if (CheckDigit(normalized[..^1]) != normalized[^1])
        {
            return Refused(normalized, RfcError.BadCheckDigit, kind);
        }

        return new RfcValidationResult(true, normalized, RfcError.None, kind);
    }

    private static RfcValidationResult Refused(string normalized, RfcError error, RfcKind? kind) =>
        new(false, normalized, error, kind);

    private static bool HasAllowedCharacters(string rfc, int nameLength)
    {
        for (var i = 0; i < rfc.Length; i++)
        {
            var c = rfc[i];
            var allowed = i switch
            {
                _ when i < nameLength => IsUpperAsciiLetter(c) || c is 'Ñ' or '&',
                _ when i < nameLength + DateLength => char.IsAsciiDigit(c),
                _ when i < rfc.Length - 1 => IsUpperAsciiLetter(c) || char.IsAsciiDigit(c),
                _ => char.IsAsciiDigit(c) || c == 'A',
            };
            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUpperAsciiLetter(char c) => c is >= 'A' and <= 'Z';

    private static bool IsCalendarDate(ReadOnlySpan<char> yymmdd)
    {
        var yy = TwoDigits(yymmdd[..2]);
        var mm = TwoDigits(yymmdd[2..4]);
        var dd = TwoDigits(yymmdd[4..]);
        if (mm is < 1 or > 12 || dd < 1)
        {
            return false;
        }

        // The RFC does not say the century; accept the day if it exists in either 19YY or 20YY (only Feb 29 differs).
        var daysInMonth = Math.Max(DateTime.DaysInMonth(1900 + yy, mm), DateTime.DaysInMonth(2000 + yy, mm));
        return dd <= daysInMonth;
    }

    private static int TwoDigits(ReadOnlySpan<char> digits) => ((digits[0] - '0') * 10) + (digits[1] - '0');

    private static char CheckDigit(string withoutCheckDigit)
    {
        // A legal entity's 11 characters get one leading space so that both kinds are weighted 13 down to 2.
        var padded = withoutCheckDigit.PadLeft(IndividualLength - 1);
        var sum = 0;
        for (var i = 0; i < padded.Length; i++)
        {
            var weight = padded.Length + 1 - i;
            sum += CheckDigitValues.IndexOf(padded[i]) * weight;
        }

        var remainder = sum % 11;
        return remainder switch
        {
            0 => '0',
            1 => 'A', // 11 − 1 = 10, written as 'A'
            _ => (char)('0' + (11 - remainder)),
        };
    }
}
