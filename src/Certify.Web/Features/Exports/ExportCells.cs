
namespace Certify.Web.Features.Exports;

/// <summary>
/// The values a column of each <see cref="ExportColumnType"/> accepts. A value of another type is a programming error
/// in the column's definition and throws, so a mistyped column fails in the tests rather than in a customer's file.
/// </summary>
internal static class ExportCells
{
    public static string Text(object value) => value as string ?? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public static long Integer(object value) => value switch
    {
        int i => i,
        long l => l,
        short s => s,
        _ => throw Mismatch(value, ExportColumnType.Integer),
    };

    public static decimal Decimal(object value) => value switch
    {
        decimal d => d,
        int i => i,
        long l => l,
        _ => throw Mismatch(value, ExportColumnType.Decimal),
    };

    public static DateOnly Date(object value) => value switch
    {
        DateOnly d => d,
        _ => throw Mismatch(value, ExportColumnType.Date),
    };

    /// <summary>The wall-clock time a person reads: a <see cref="DateTimeOffset"/> in Mexico City time.</summary>
    public static DateTime DateTime(object value) => value switch
    {
        DateTimeOffset o => BodyCalendar.Local(o).DateTime,
        System.DateTime d => System.DateTime.SpecifyKind(d, DateTimeKind.Unspecified),
        _ => throw Mismatch(value, ExportColumnType.DateTime),
    };

    public static bool Boolean(object value) => value switch
    {
        bool b => b,
        _ => throw Mismatch(value, ExportColumnType.Boolean),
    };

    private static InvalidOperationException Mismatch(object value, ExportColumnType type) =>
        new($"A {value.GetType().Name} cannot be written in a {type} column.");
}
