using System.Globalization;
using System.Security.Claims;
using Certify.Data;
using Certify.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Exports;

/// <summary>
/// The parts every CSV/XLSX download shares: reading the <c>{format}</c> of its URL, the file's name
/// (<c>certify-{slug}-{yyyy-MM-dd}.{ext}</c>, Mexico City's day) and content type, the audit row, and streaming
/// rows already in memory through the one column definition both writers read.
/// </summary>
public static class ExportDownload
{
    /// <summary>Reads <c>csv</c> or <c>xlsx</c>; false for anything else.</summary>
    public static bool TryFormat(string? extension, out ExportFormat format)
    {
        format = extension == "xlsx" ? ExportFormat.Xlsx : ExportFormat.Csv;
        return extension is "csv" or "xlsx";
    }

    public static string FileName(string slug, ExportFormat format, TimeProvider clock) =>
        $"certify-{slug}-{Shared.BodyCalendar.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{(format == ExportFormat.Xlsx ? "xlsx" : "csv")}";

    public static string ContentType(ExportFormat format) => format == ExportFormat.Xlsx ? XlsxExportWriter.ContentType : CsvExportWriter.ContentType;

    /// <summary>Writes the "export downloaded" audit row of <paramref name="what"/>.</summary>
    public static async Task AuditAsync(
        IDbContextFactory<CertifyDbContext> dbFactory, TimeProvider clock, ClaimsPrincipal user, string what, ExportFormat format, int? bodyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.ExportDownloaded, "Export", what,
            new { Format = format.ToString() }, bodyId: bodyId));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A download of rows already in memory.</summary>
    public static IResult File<TRow>(
        ExportFormat format, string slug, string sheet, IReadOnlyList<ExportColumn<TRow>> columns, IReadOnlyList<TRow> rows, TimeProvider clock, CancellationToken ct) =>
        Results.Stream(output => format == ExportFormat.Xlsx
                ? XlsxExportWriter.WriteAsync(output, sheet, columns, rows.ToAsyncEnumerable(), ct)
                : CsvExportWriter.WriteAsync(output, columns, rows.ToAsyncEnumerable(), ct),
            ContentType(format), FileName(slug, format, clock));
}

/// <summary>A file an export menu offers: its path without the extension, and the name of what it holds.</summary>
public sealed record MenuFile(string Path, string Sheet);
