using System.Globalization;
using System.Text.RegularExpressions;

namespace Certify.Domain.Distinctives;

/// <summary>
/// The human number of a distinctive, <c>{PROGRAM}-{YEAR}-{SEQ}</c>, e.g. <c>DRL-AUTO-2026-00042</c>: the program
/// code (which may itself hold hyphens), the year of issue and a sequence per program and year, zero-padded to
/// five digits (a sixth digit appears only after 99,999 in one year).
/// </summary>
public sealed partial record DistinctiveNumber
{
    /// <summary>Digits the sequence is padded to (the <c>D5</c> in <see cref="ToString"/>).</summary>
    public const int SequenceDigits = 5;

    public DistinctiveNumber(string programCode, int year, int sequence)
    {
        if (programCode is null || !ProgramCodePattern().IsMatch(programCode))
        {
            throw new ArgumentException($"'{programCode}' is not a program code.", nameof(programCode));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ProgramCode = programCode;
        Year = year;
        Sequence = sequence;
    }

    /// <summary>Program code, e.g. <c>DRL-AUTO</c>.</summary>
    public string ProgramCode { get; }

    /// <summary>Year of issue.</summary>
    public int Year { get; }

    /// <summary>Sequence within the program and year, from 1.</summary>
    public int Sequence { get; }

    /// <summary>Reads the canonical form; the program code must be upper case, as programs define it.</summary>
    public static bool TryParse(string? text, out DistinctiveNumber? number)
    {
        number = null;
        if (text is null)
        {
            return false;
        }

        var match = NumberPattern().Match(text);
        if (!match.Success
            || !int.TryParse(match.Groups["seq"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || sequence < 1
            || (match.Groups["seq"].Length > SequenceDigits && match.Groups["seq"].Value[0] == '0'))
        {
            return false;
        }

        number = new DistinctiveNumber(
            match.Groups["program"].Value,
            int.Parse(match.Groups["year"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture),
            sequence);
        return true;
    }

    /// <summary>Reads the canonical form or throws <see cref="FormatException"/>.</summary>
    public static DistinctiveNumber Parse(string text) =>
        TryParse(text, out var number) ? number! : throw new FormatException($"'{text}' is not a distinctive number.");

    /// <summary>The next number after the highest sequence issued so far in the program and year (0 for none).</summary>
    public static DistinctiveNumber Next(string programCode, int year, int highestIssuedSequence) =>
        new(programCode, year, highestIssuedSequence + 1);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{ProgramCode}-{Year}-{Sequence:D5}");

    /// <summary>The same rule as program definitions (<c>ProgramLoader</c>): a letter, then letters, digits or hyphens.</summary>
    [GeneratedRegex(@"^[A-Z][A-Z0-9-]{1,19}$", RegexOptions.CultureInvariant)]
    private static partial Regex ProgramCodePattern();

    [GeneratedRegex(@"^(?<program>[A-Z][A-Z0-9-]{1,19})-(?<year>[1-9][0-9]{3})-(?<seq>[0-9]{5,9})$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
