namespace Certify.Web.Features.Exports;

/// <summary>How a column's values are written: XLSX cells of the matching type, CSV text in an invariant form.</summary>
public enum ExportColumnType
{
    /// <summary>A string; in CSV a value starting with a formula character is neutralised.</summary>
    Text,

    /// <summary>An <see cref="int"/> or <see cref="long"/>.</summary>
    Integer,

    /// <summary>A <see cref="decimal"/>, shown with two decimals in XLSX.</summary>
    Decimal,

    /// <summary>A <see cref="DateOnly"/>: an Excel date, ISO <c>yyyy-MM-dd</c> in CSV.</summary>
    Date,

    /// <summary>
    /// A <see cref="DateTime"/> or <see cref="DateTimeOffset"/>, written as its wall-clock time (the caller converts to
    /// the zone it wants first): an Excel date-time, <c>yyyy-MM-dd HH:mm:ss</c> in CSV.
    /// </summary>
    DateTime,

    /// <summary>A <see cref="bool"/>: an Excel boolean, <c>true</c>/<c>false</c> in CSV.</summary>
    Boolean,
}

/// <summary>
/// One column of an export, the single definition both writers read so the CSV and the XLSX never drift: the header
/// (already in the request's language), the type and the value of a row. A null value is an empty cell.
/// <see cref="Width"/> is the XLSX width in characters; by default it follows the type and the header.
/// </summary>
public sealed record ExportColumn<TRow>(string Header, ExportColumnType Type, Func<TRow, object?> Value, double? Width = null);
