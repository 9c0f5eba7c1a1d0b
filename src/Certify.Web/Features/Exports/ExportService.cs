using System.Globalization;
using System.Security.Claims;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Companies;
using Certify.Domain.Distinctives;
using Certify.Domain.Reviews;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Certify.Web.Features.Exports;

/// <summary>What a program admin can export.</summary>
public enum ExportKind
{
    Assessments,
    Findings,
    Distinctives,
}

public enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>A ready export: the download's name and type, and the writer that streams it (it opens its own context).</summary>
public sealed record ExportFile(string FileName, string ContentType, Func<Stream, CancellationToken, Task> WriteAsync);

/// <summary>
/// The program admins' exports of a certifying body: its submitted assessments, the auditors' findings and its
/// distinctives, as CSV or XLSX from one column definition per export. Rows are read by the database as projections
/// of the columns shown (never whole entities: the auditor's private note is not even selected) and streamed to the
/// writer as they arrive. Headers and enumeration values are in the request's language.
/// </summary>
public sealed class ExportService(
    IDbContextFactory<CertifyDbContext> dbFactory,
    TenantAccess access,
    QuestionnaireRegistry questionnaires,
    DistinctiveUrls urls,
    IStringLocalizer<Resources.Exports> text,
    IStringLocalizer<Resources.Assessments> assessmentText,
    IStringLocalizer<Resources.Distinctives> distinctiveText,
    TimeProvider clock)
{
    private static readonly AssessmentState[] OpenStates = [AssessmentState.Submitted, AssessmentState.InReview, AssessmentState.ChangesRequested];

    /// <summary>The file's name in the URL and in the download: <c>evaluaciones</c>, <c>hallazgos</c>, <c>distintivos</c>.</summary>
    public static string Slug(ExportKind kind) => kind switch
    {
        ExportKind.Assessments => "evaluaciones",
        ExportKind.Findings => "hallazgos",
        ExportKind.Distinctives => "distintivos",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown export."),
    };

    /// <summary>Reads the route's <c>{kind}.{format}</c>; false for anything else.</summary>
    public static bool TryReadRoute(string? slug, string? extension, out ExportKind kind, out ExportFormat format)
    {
        kind = Enum.GetValues<ExportKind>().FirstOrDefault(k => Slug(k) == slug);
        format = extension == "xlsx" ? ExportFormat.Xlsx : ExportFormat.Csv;
        return Slug(kind) == slug && extension is "csv" or "xlsx";
    }

    /// <summary>
    /// The export, or null unless the user is an active program admin of the body (auditors and everyone else get
    /// the same answer). Opening it writes an audit event.
    /// </summary>
    public async Task<ExportFile?> OpenAsync(int bodyId, ExportKind kind, ExportFormat format, ExportFilter filter, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(user);
        if (!(await access.BodyRolesAsync(user, bodyId, ct)).Contains(BodyRole.ProgramAdmin))
        {
            return null;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.ExportDownloaded, "Export", Slug(kind),
                new { Format = format.ToString(), filter.Program, filter.From, filter.To, filter.CompanyState, filter.State, filter.OnlyOverdue, filter.Search },
                bodyId: bodyId));
            await db.SaveChangesAsync(ct);
        }

        var fileName = ExportDownload.FileName(Slug(kind), format, clock);
        var contentType = ExportDownload.ContentType(format);
        var culture = CultureInfo.CurrentUICulture;
        Func<Stream, CancellationToken, Task> write = kind switch
        {
            ExportKind.Assessments => (output, token) => WriteAsync(format, text["Sheet_Assessments"], AssessmentColumns(),
                db => AssessmentRows(db, bodyId, filter).AsAsyncEnumerable(), output, token),
            ExportKind.Findings => (output, token) => WriteAsync(format, text["Sheet_Findings"], FindingColumns(culture),
                db => FindingRows(db, bodyId, filter).AsAsyncEnumerable(), output, token),
            ExportKind.Distinctives => (output, token) => WriteAsync(format, text["Sheet_Distinctives"], DistinctiveColumns(culture),
                db => DistinctiveRows(db, bodyId, filter).AsAsyncEnumerable(), output, token),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown export."),
        };
        return new ExportFile(fileName, contentType, write);
    }

    private async Task WriteAsync<TRow>(
        ExportFormat format, string sheetName, IReadOnlyList<ExportColumn<TRow>> columns,
        Func<CertifyDbContext, IAsyncEnumerable<TRow>> rows, Stream output, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (format == ExportFormat.Xlsx)
        {
            await XlsxExportWriter.WriteAsync(output, sheetName, columns, rows(db), ct);
        }
        else
        {
            await CsvExportWriter.WriteAsync(output, columns, rows(db), ct);
        }
    }

    private IReadOnlyList<ExportColumn<AssessmentRow>> AssessmentColumns()
    {
        var states = Names<AssessmentState>(assessmentText, "State_");
        return
        [
            new(text["Col_AssessmentId"], ExportColumnType.Integer, r => r.Id, 12),
            new(text["Col_Company"], ExportColumnType.Text, r => r.LegalName, 40),
            new(text["Col_Rfc"], ExportColumnType.Text, r => r.Rfc, 15),
            new(text["Col_CompanyState"], ExportColumnType.Text, r => MexicanStates.DisplayName(r.CompanyState), 20),
            new(text["Col_Program"], ExportColumnType.Text, r => r.ProgramCode, 12),
            new(text["Col_QuestionnaireVersion"], ExportColumnType.Text, r => r.QuestionnaireVersion, 10),
            new(text["Col_State"], ExportColumnType.Text, r => states[r.State], 18),
            new(text["Col_SubmittedAt"], ExportColumnType.DateTime, r => Local(r.SubmittedAt)),
            new(text["Col_Submissions"], ExportColumnType.Integer, r => r.SubmissionCount),
            new(text["Col_SelfScore"], ExportColumnType.Decimal, r => r.SelfScore),
            new(text["Col_AuditorScore"], ExportColumnType.Decimal, r => r.AuditorScore),
            new(text["Col_Level"], ExportColumnType.Text, r => r.Level, 8),
            new(text["Col_Auditor"], ExportColumnType.Text, r => r.AuditorName, 24),
            new(text["Col_ReviewDue"], ExportColumnType.Date, r => r.ReviewDueOn),
            new(text["Col_DecidedAt"], ExportColumnType.DateTime, r => Local(r.DecidedAt)),
            new(text["Col_DecisionReason"], ExportColumnType.Text, r => r.DecisionReason, 40),
        ];
    }

    private IReadOnlyList<ExportColumn<FindingRow>> FindingColumns(CultureInfo culture)
    {
        var severities = Names<FindingSeverity>(assessmentText, "FindingSeverity_");
        var statuses = Names<FindingStatus>(assessmentText, "FindingStatus_");
        return
        [
            new(text["Col_AssessmentId"], ExportColumnType.Integer, r => r.AssessmentId, 12),
            new(text["Col_Submission"], ExportColumnType.Integer, r => r.SubmissionNumber),
            new(text["Col_Company"], ExportColumnType.Text, r => r.LegalName, 40),
            new(text["Col_Rfc"], ExportColumnType.Text, r => r.Rfc, 15),
            new(text["Col_QuestionCode"], ExportColumnType.Text, r => r.QuestionCode, 12),
            new(text["Col_QuestionText"], ExportColumnType.Text, r => QuestionText(r.QuestionnaireVersionId, r.QuestionCode, culture), 60),
            new(text["Col_Severity"], ExportColumnType.Text, r => severities[r.Severity], 22),
            new(text["Col_FindingStatus"], ExportColumnType.Text, r => statuses[r.Status], 18),
            new(text["Col_Comment"], ExportColumnType.Text, r => r.Comment, 50),
            new(text["Col_DueOn"], ExportColumnType.Date, r => r.DueOn),
            new(text["Col_CorrectiveAction"], ExportColumnType.Text, r => r.CorrectiveAction, 50),
            new(text["Col_ProposedAt"], ExportColumnType.DateTime, r => Local(r.ActionProposedAt)),
        ];
    }

    private IReadOnlyList<ExportColumn<DistinctiveRow>> DistinctiveColumns(CultureInfo culture)
    {
        var statuses = Names<DistinctiveStatus>(distinctiveText, "Status_");
        var now = clock.GetUtcNow();
        return
        [
            new(text["Col_Number"], ExportColumnType.Text, r => r.Number, 22),
            new(text["Col_VerificationCode"], ExportColumnType.Text, r => DistinctiveFacts.Code(r.VerificationCode).Format(), 20),
            new(text["Col_Company"], ExportColumnType.Text, r => r.LegalName, 40),
            new(text["Col_Rfc"], ExportColumnType.Text, r => r.Rfc, 15),
            new(text["Col_CompanyState"], ExportColumnType.Text, r => MexicanStates.DisplayName(r.State), 20),
            new(text["Col_Program"], ExportColumnType.Text, r => r.ProgramCode, 12),
            new(text["Col_Level"], ExportColumnType.Text, r => r.Level, 8),
            new(text["Col_Score"], ExportColumnType.Decimal, r => r.Score),
            new(text["Col_Topics"], ExportColumnType.Text, r => Topics(r.QuestionnaireVersionId, r.Topics, culture), 40),
            new(text["Col_IssuedAt"], ExportColumnType.DateTime, r => Local(r.IssuedAt)),
            new(text["Col_ValidFrom"], ExportColumnType.Date, r => DistinctiveFacts.FirstDay(r.ValidFrom)),
            new(text["Col_ValidUntil"], ExportColumnType.Date, r => DistinctiveFacts.LastDay(r.ValidUntil)),
            new(text["Col_Status"], ExportColumnType.Text, r => statuses[DistinctiveFacts.Status(r.RevokedAt, r.SuspendedAt, r.ValidFrom, r.ValidUntil, now)], 14),
            new(text["Col_StatusReason"], ExportColumnType.Text, r => r.StatusReason, 40),
            new(text["Col_VerifyUrl"], ExportColumnType.Text, r => urls.Verify(DistinctiveFacts.Code(r.VerificationCode)), 50),
        ];
    }

    /// <summary>Submitted assessments of the body's programs that pass the filter.</summary>
    private static IQueryable<Assessment> Submitted(CertifyDbContext db, int bodyId, ExportFilter filter, DateOnly today)
    {
        var query = db.Assessments.AsNoTracking().Where(a => a.Program!.CertifyingBodyId == bodyId && a.SubmissionCount > 0);
        if (filter.Program is { } program)
        {
            query = query.Where(a => a.Program!.Code == program);
        }

        if (filter.FromInstant is { } from)
        {
            query = query.Where(a => a.SubmittedAt >= from);
        }

        if (filter.ToExclusive is { } to)
        {
            query = query.Where(a => a.SubmittedAt < to);
        }

        if (filter.CompanyState is { } companyState)
        {
            query = query.Where(a => a.Company!.State == companyState);
        }

        if (filter.State is { } state)
        {
            query = query.Where(a => a.State == state);
        }

        if (filter.OnlyOverdue)
        {
            query = query.Where(a => OpenStates.Contains(a.State)
                && db.Reviews.Any(r => r.AssessmentId == a.Id && r.SubmissionNumber == a.SubmissionCount && r.DueOn < today));
        }

        if (filter.Search is { } search)
        {
            var pattern = Like(search);
            var upper = search.ToUpperInvariant();
            query = query.Where(a => EF.Functions.Like(DbText.Fold(a.Company!.LegalName), DbText.Fold(pattern), "\\")
                || (a.Company.TradeName != null && EF.Functions.Like(DbText.Fold(a.Company.TradeName), DbText.Fold(pattern), "\\"))
                || a.Company.Rfc.StartsWith(upper));
        }

        return query;
    }

    private IQueryable<AssessmentRow> AssessmentRows(CertifyDbContext db, int bodyId, ExportFilter filter) =>
        from a in Submitted(db, bodyId, filter, BodyCalendar.Today(clock))
        join r in db.Reviews.AsNoTracking()
            on new { AssessmentId = a.Id, Number = a.SubmissionCount } equals new { r.AssessmentId, Number = r.SubmissionNumber } into reviews
        from r in reviews.DefaultIfEmpty()
        join s in db.AssessmentSnapshots.AsNoTracking()
            on new { AssessmentId = a.Id, Number = a.SubmissionCount } equals new { s.AssessmentId, Number = s.SubmissionNumber } into snapshots
        from s in snapshots.DefaultIfEmpty()
        orderby a.Id
        select new AssessmentRow(
            a.Id,
            a.Company!.LegalName,
            a.Company!.Rfc,
            a.Company!.State,
            a.Program!.Code,
            a.QuestionnaireVersion!.Version,
            a.State,
            a.SubmittedAt,
            a.SubmissionCount,
            s == null ? null : s.OverallScore,
            r == null ? null : r.AuditorScore,
            r == null ? null : r.LevelCode,
            r == null ? null : r.Auditor!.DisplayName,
            r == null ? null : r.DueOn,
            r == null ? null : r.DecidedAt,
            r == null ? null : r.DecisionReason);

    private IQueryable<FindingRow> FindingRows(CertifyDbContext db, int bodyId, ExportFilter filter) =>
        from f in db.Findings.AsNoTracking()
        join a in Submitted(db, bodyId, filter, BodyCalendar.Today(clock)) on f.AssessmentId equals a.Id
        orderby f.AssessmentId, f.Review!.SubmissionNumber, f.Id
        select new FindingRow(
            f.AssessmentId,
            f.Review!.SubmissionNumber,
            a.Company!.LegalName,
            a.Company!.Rfc,
            a.QuestionnaireVersionId,
            f.QuestionCode,
            f.Severity,
            f.Status,
            f.Comment,
            f.DueOn,
            f.CorrectiveAction,
            f.ActionProposedAt);

    private static IQueryable<DistinctiveRow> DistinctiveRows(CertifyDbContext db, int bodyId, ExportFilter filter)
    {
        var query = db.Distinctives.AsNoTracking().Where(d => d.CertifyingBodyId == bodyId);
        if (filter.Program is { } program)
        {
            query = query.Where(d => d.Program!.Code == program);
        }

        if (filter.FromInstant is { } from)
        {
            query = query.Where(d => d.IssuedAt >= from);
        }

        if (filter.ToExclusive is { } to)
        {
            query = query.Where(d => d.IssuedAt < to);
        }

        if (filter.CompanyState is { } state)
        {
            query = query.Where(d => d.State == state);
        }

        if (filter.Search is { } search)
        {
            var pattern = Like(search);
            var upper = search.ToUpperInvariant();
            query = query.Where(d => EF.Functions.Like(DbText.Fold(d.LegalName), DbText.Fold(pattern), "\\") || d.Rfc.StartsWith(upper) || d.Number.StartsWith(upper));
        }

        return query.OrderBy(d => d.Id).Select(d => new DistinctiveRow(
            d.Number, d.VerificationCode, d.LegalName, d.Rfc, d.State, d.Program!.Code, d.LevelCode, d.Score, d.Topics,
            d.Assessment!.QuestionnaireVersionId, d.IssuedAt, d.ValidFrom, d.ValidUntil, d.SuspendedAt, d.RevokedAt, d.StatusReason));
    }

    private string? QuestionText(int questionnaireVersionId, string code, CultureInfo culture) =>
        questionnaires.ForVersion(questionnaireVersionId).FindQuestion(code)?.Text.Get(culture);

    /// <summary>The section titles of the topic codes, in the request's language; an unknown code is shown as it is.</summary>
    private string Topics(int questionnaireVersionId, string topics, CultureInfo culture)
    {
        var sections = questionnaires.ForVersion(questionnaireVersionId).Sections;
        return string.Join("; ", topics.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(code => sections.FirstOrDefault(s => s.Code == code)?.Title.Get(culture) ?? code));
    }

    private static DateTimeOffset? Local(DateTimeOffset? instant) => instant is { } value ? BodyCalendar.Local(value) : null;

    private static Dictionary<T, string> Names<T>(IStringLocalizer localizer, string prefix) where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(v => v, v => localizer[prefix + v].Value);

    private static string Like(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private sealed record AssessmentRow(
        int Id, string LegalName, string Rfc, MexicanState CompanyState, string ProgramCode, string QuestionnaireVersion, AssessmentState State,
        DateTimeOffset? SubmittedAt, int SubmissionCount, decimal? SelfScore, decimal? AuditorScore, string? Level, string? AuditorName,
        DateOnly? ReviewDueOn, DateTimeOffset? DecidedAt, string? DecisionReason);

    private sealed record FindingRow(
        int AssessmentId, int SubmissionNumber, string LegalName, string Rfc, int QuestionnaireVersionId, string QuestionCode,
        FindingSeverity Severity, FindingStatus Status, string Comment, DateOnly? DueOn, string? CorrectiveAction, DateTimeOffset? ActionProposedAt);

    private sealed record DistinctiveRow(
        string Number, string VerificationCode, string LegalName, string Rfc, MexicanState State, string ProgramCode, string Level, decimal Score,
        string Topics, int QuestionnaireVersionId, DateTimeOffset IssuedAt, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil,
        DateTimeOffset? SuspendedAt, DateTimeOffset? RevokedAt, string? StatusReason);
}
