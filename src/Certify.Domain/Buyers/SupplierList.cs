using Certify.Domain.Companies;

namespace Certify.Domain.Buyers;

/// <summary>An RFC of a supplier list, normalised, with the row it first appeared on.</summary>
public sealed record SupplierRfc(string Rfc, int Row);

/// <summary>A row that is not a valid RFC: its number, what it held, and why (the RFC rules' first failure).</summary>
public sealed record InvalidSupplierRow(int Row, string Text, RfcError Error);

/// <summary>A row whose RFC already appeared on an earlier row: it is merged into that one.</summary>
public sealed record DuplicateSupplierRow(int Row, string Rfc, int FirstRow);

/// <summary>A parsed supplier list: what to watch, what was refused, what was merged; or too long to take at all.</summary>
public sealed record SupplierListResult(
    IReadOnlyList<SupplierRfc> Valid, IReadOnlyList<InvalidSupplierRow> Invalid, IReadOnlyList<DuplicateSupplierRow> Duplicates, bool TooMany);

/// <summary>
/// Reads a buyer's list of suppliers: typed (one RFC per line, or separated by commas, semicolons or spaces) or one
/// RFC per row of a CSV or XLSX file. Each entry is trimmed, upper-cased, stripped of inner spaces, dots and hyphens
/// (as RFCs are often written), then checked with the RFC rules (<see cref="Rfc.Validate"/>). A first row reading
/// "RFC" is a header and skipped; blank rows are skipped. Rows are numbered as the person sees them (the first line
/// or spreadsheet row is 1).
/// </summary>
public static class SupplierList
{
    public const int MaxRows = 5_000;
    private const string Header = "RFC";
    private static readonly char[] Separators = [',', ';', '\t', ' ', '\r'];

    /// <summary>Typed text: each line's entries, in order; the line number is the row.</summary>
    public static SupplierListResult FromText(string? text)
    {
        var rows = new List<(int Row, string Text)>();
        var lines = (text ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            rows.AddRange(lines[i].Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(token => (i + 1, token)));
        }

        return FromRows(rows);
    }

    /// <summary>Rows of a file: (row number, first cell); blank cells are skipped, a first-row "RFC" header too.</summary>
    public static SupplierListResult FromRows(IEnumerable<(int Row, string Text)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var valid = new List<SupplierRfc>();
        var invalid = new List<InvalidSupplierRow>();
        var duplicates = new List<DuplicateSupplierRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var count = 0;
        foreach (var (row, raw) in rows)
        {
            var text = raw.Trim();
            if (text.Length == 0 || (row == 1 && string.Equals(text, Header, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (++count > MaxRows)
            {
                return new SupplierListResult([], [], [], TooMany: true);
            }

            var result = Rfc.Validate(Normalize(text));
            if (!result.IsValid)
            {
                invalid.Add(new InvalidSupplierRow(row, text, result.Error));
            }
            else if (seen.TryGetValue(result.Normalized, out var first))
            {
                duplicates.Add(new DuplicateSupplierRow(row, result.Normalized, first));
            }
            else
            {
                seen[result.Normalized] = row;
                valid.Add(new SupplierRfc(result.Normalized, row));
            }
        }

        return new SupplierListResult(valid, invalid, duplicates, TooMany: false);
    }

    /// <summary>Upper case without spaces, dots or hyphens: "abd-150310 k49" → "ABD150310K49".</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c is not '-' and not '.')).ToUpperInvariant();
    }
}
