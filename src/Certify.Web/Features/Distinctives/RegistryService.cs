using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Companies;
using Certify.Domain.Distinctives;
using Certify.Domain.Questionnaires;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Distinctives;

/// <summary>
/// The public registry's filters as they arrive in a query string (page or API); anything unknown is ignored rather
/// than refused, so a stale link still shows a list. <see cref="Page"/> starts at 1.
/// </summary>
public sealed record RegistryFilter(
    string? Query = null, MexicanState? State = null, string? Program = null, string? Level = null, DistinctiveStatus? Status = null, int Page = 1)
{
    public static readonly RegistryFilter None = new();

    /// <summary>Whether anything narrows the list (the page number does not).</summary>
    public bool IsFiltered => Query is not null || State is not null || Program is not null || Level is not null || Status is not null;

    /// <summary>Reads the raw values; a status may be given as the enum name or its Spanish word (<c>vigente</c>, …).</summary>
    public static RegistryFilter FromQuery(string? query, string? state, string? program, string? level, string? status, string? page) => new(
        Clean(query),
        Enum.TryParse<MexicanState>(state, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(state, out _) ? s : null,
        Clean(program)?.ToUpperInvariant(),
        Clean(level)?.ToUpperInvariant(),
        ParseStatus(status),
        int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1);

    /// <summary>The statuses a person can filter by.</summary>
    public static readonly IReadOnlyList<DistinctiveStatus> StatusChoices =
        [DistinctiveStatus.Active, DistinctiveStatus.Expired, DistinctiveStatus.Suspended, DistinctiveStatus.Revoked];

    private static DistinctiveStatus? ParseStatus(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "active" or "vigente" => DistinctiveStatus.Active,
        "expired" or "vencido" => DistinctiveStatus.Expired,
        "suspended" or "suspendido" => DistinctiveStatus.Suspended,
        "revoked" or "revocado" => DistinctiveStatus.Revoked,
        _ => null,
    };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>One distinctive in the registry.</summary>
public sealed record RegistryRow(
    string Number,
    string VerificationCode,
    string LegalName,
    string Rfc,
    MexicanState State,
    string ProgramCode,
    string ProgramNameEs,
    string ProgramNameEn,
    string Level,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    DistinctiveStatus Status);

/// <summary>A registry row with the titles of the topics it covers, for the export.</summary>
public sealed record RegistryExportRow(RegistryRow Row, IReadOnlyList<LocalizedText> Topics);

/// <summary>A count of matching distinctives for one value of a facet.</summary>
public sealed record RegistryCount<T>(T Key, int Count);

/// <summary>A program a person can filter by.</summary>
public sealed record RegistryProgram(string Code, string NameEs, string NameEn);

/// <summary>One page of the registry with the facet counts of everything that matches (not only the page).</summary>
public sealed record RegistryResult(
    RegistryFilter Filter,
    IReadOnlyList<RegistryRow> Rows,
    int Total,
    IReadOnlyList<RegistryCount<MexicanState>> ByState,
    IReadOnlyList<RegistryCount<string>> ByLevel,
    IReadOnlyList<RegistryProgram> Programs,
    IReadOnlyList<string> Levels)
{
    public int Pages => Math.Max(1, (Total + RegistryService.PageSize - 1) / RegistryService.PageSize);
}

/// <summary>
/// The public registry: search by company name or RFC, filters by state, program, level and derived status, paged,
/// with counts by state and level. Rows are filtered, ordered and paged in the database (status through
/// <see cref="DistinctiveStatusQuery"/>): first the page's ids from the covering registry indexes, then only those
/// rows. The totals and facets come from the tallies per state, level and program of the search without its status
/// (<see cref="DistinctiveStatusQuery.Tally"/>), which <see cref="RegistryCountCache"/> keeps for a minute (emptied when
/// a distinctive is issued or changes status).
/// </summary>
public sealed class RegistryService(
    IDbContextFactory<CertifyDbContext> dbFactory, QuestionnaireRegistry questionnaires, RegistryCountCache counts, TimeProvider clock)
{
    public const int PageSize = 20;

    private static readonly Comparer<string> Utf8Order =
        Comparer<string>.Create((a, b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)));

    public async Task<RegistryResult> SearchAsync(RegistryFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var programs = await db.Programs.AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new { p.Id, p.Code, p.NameEs, p.NameEn }).ToListAsync(ct);
        var levels = programs.SelectMany(p => questionnaires.Program(p.Id).Levels.Select(l => l.Code))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var programId = filter.Program is null ? (int?)null : programs.Find(p => p.Code == filter.Program)?.Id ?? -1;

        // The status filter is one of the counts of each tally, so every status of a search shares its tallies.
        var groups = await TallyAsync(db, filter with { Status = null, Page = 1 }, programId, now, ct);
        var cells = groups.Select(g => (g.State, g.LevelCode, Count: g.Count(filter.Status))).Where(c => c.Count > 0).ToList();
        var byState = cells.GroupBy(c => c.State).Select(g => new RegistryCount<MexicanState>(g.Key, g.Sum(c => c.Count)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Key).ToList();
        var byLevel = cells.GroupBy(c => c.LevelCode).Select(g => new RegistryCount<string>(g.Key, g.Sum(c => c.Count)))
            .OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        var total = cells.Sum(c => c.Count);

        var page = Math.Min(filter.Page, Math.Max(1, (total + PageSize - 1) / PageSize));
        List<PageRow> rows = [];
        if (total > 0)
        {
            var matches = Filtered(db.Distinctives.AsNoTracking(), filter, programId, now);
            if (filter.Query is not null && db.Database.IsSqlite())
            {
                // Every match of a search text lies between the first and last name of its groups (whatever the
                // status, which time changes without an eviction): bounding the name lets SQLite seek its name-ordered
                // index to the first match and stop after the last, instead of testing every name before the text's
                // first match. SQLite orders text by its UTF-8 bytes (the BINARY collation); SQL Server's collation
                // could not be reproduced here, so it goes without.
                var first = groups.Select(g => g.FirstName).Min(Utf8Order)!;
                var last = groups.Select(g => g.LastName).Max(Utf8Order)!;
                matches = matches.Where(d => string.Compare(d.LegalName, first) >= 0 && string.Compare(d.LegalName, last) <= 0);
            }

            // On PostgreSQL the trigram index finds a text's matches wherever they lie in the alphabet; reading the
            // name-ordered index until a page is full instead walked 90 % of the table for a name starting with "T"
            // (280 ms over 100,000 distinctives). Ordering by an expression the index does not hold makes the planner
            // take the matches from the trigram index and sort them (35 ms; bench/registry).
            var sortMatches = filter.Query is not null && db.Database.IsNpgsql();
            rows = await PageAsync(db, matches, page, sortMatches, ct);
        }

        return new RegistryResult(
            filter with { Page = page },
            [.. rows.Select(r =>
            {
                var program = programs.Find(p => p.Id == r.ProgramId);
                return new RegistryRow(r.Number, r.VerificationCode, r.LegalName, r.Rfc, r.State,
                    program?.Code ?? "", program?.NameEs ?? "", program?.NameEn ?? "", r.LevelCode, r.ValidFrom, r.ValidUntil,
                    DistinctiveStatusQuery.Derive(r.RevokedAt, r.SuspendedAt, r.ValidFrom, r.ValidUntil, now));
            })],
            total,
            byState,
            byLevel,
            [.. programs.Select(p => new RegistryProgram(p.Code, p.NameEs, p.NameEn))],
            levels);
    }

    /// <summary>
    /// Every distinctive that <paramref name="filter"/> matches (its page is ignored), in the registry's order, read as
    /// they are written out (the public CSV export): nothing holds the whole registry in memory.
    /// </summary>
    public async IAsyncEnumerable<RegistryExportRow> ExportAsync(RegistryFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var programs = await db.Programs.AsNoTracking().Select(p => new { p.Id, p.Code, p.NameEs, p.NameEn, p.QuestionnaireVersionId }).ToListAsync(ct);
        var programId = filter.Program is null ? (int?)null : programs.Find(p => p.Code == filter.Program)?.Id ?? -1;
        var sections = programs.ToDictionary(p => p.Id, p => questionnaires.ForVersion(p.QuestionnaireVersionId).Sections);

        var rows = Filtered(db.Distinctives.AsNoTracking(), filter, programId, now)
            .OrderBy(d => d.LegalName).ThenBy(d => d.Id)
            .Select(d => new
            {
                d.Number, d.VerificationCode, d.LegalName, d.Rfc, d.State, d.ProgramId, d.LevelCode, d.Topics,
                d.ValidFrom, d.ValidUntil, d.SuspendedAt, d.RevokedAt,
            })
            .AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(ct))
        {
            var program = programs.Find(p => p.Id == r.ProgramId);
            var programSections = sections.GetValueOrDefault(r.ProgramId) ?? [];
            yield return new RegistryExportRow(
                new RegistryRow(r.Number, r.VerificationCode, r.LegalName, r.Rfc, r.State,
                    program?.Code ?? "", program?.NameEs ?? "", program?.NameEn ?? "", r.LevelCode, r.ValidFrom, r.ValidUntil,
                    DistinctiveStatusQuery.Derive(r.RevokedAt, r.SuspendedAt, r.ValidFrom, r.ValidUntil, now)),
                [.. r.Topics.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(t => programSections.FirstOrDefault(s => s.Code == t)?.Title ?? new LocalizedText(t, t))]);
        }
    }

    /// <summary>The tallies of everything a search without status matches.</summary>
    private Task<IReadOnlyList<DistinctiveTally>> TallyAsync(
        CertifyDbContext db, RegistryFilter withoutStatus, int? programId, DateTimeOffset now, CancellationToken ct) =>
        counts.GetOrLoadAsync(withoutStatus, now, async token => await DistinctiveStatusQuery
            .Tally(Filtered(db.Distinctives.AsNoTracking(), withoutStatus, programId, now), now, withNames: withoutStatus.Query is not null && db.Database.IsSqlite())
            .ToListAsync(token), ct);

    /// <summary>
    /// One page in the registry's order (name, then id). The ids are read first: ordered, skipped and taken within a
    /// covering index; reading the other columns there would fetch a wide row (the credential) for every skipped one.
    /// </summary>
    private static async Task<List<PageRow>> PageAsync(
        CertifyDbContext db, IQueryable<Distinctive> matches, int page, bool sortMatches, CancellationToken ct)
    {
        var ordered = sortMatches ? matches.OrderBy(d => d.LegalName + "") : matches.OrderBy(d => d.LegalName);
        var ids = await ordered.ThenBy(d => d.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(d => d.Id)
            .ToListAsync(ct);
        var rows = await db.Distinctives.AsNoTracking()
            .Where(d => ids.Contains(d.Id))
            .Select(d => new PageRow(
                d.Id, d.Number, d.VerificationCode, d.LegalName, d.Rfc, d.State, d.ProgramId, d.LevelCode,
                d.ValidFrom, d.ValidUntil, d.SuspendedAt, d.RevokedAt))
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => ids.IndexOf(r.Id))];
    }

    private static IQueryable<Distinctive> Filtered(IQueryable<Distinctive> query, RegistryFilter filter, int? programId, DateTimeOffset now)
    {
        if (filter.Query is { } text)
        {
            // An RFC is looked up by prefix (indexed); anything else is a substring of the legal name. LIKE's wildcards
            // typed by the person are escaped, and SQLite's LIKE ignores ASCII case, as SQL Server's collation does; on
            // PostgreSQL both sides are folded (DbText.Fold: lower case, no accents), which its trigram index serves.
            var rfc = text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
            var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
            // A range rather than LIKE 'x%': SQLite's LIKE ignores case and so cannot use the index on Rfc. The range
            // assumes binary ordering: SQLite's BINARY collation, PostgreSQL's "C" collation on Rfc (CertifyDbContext).
            var rfcEnd = rfc + "\uFFFF";
            query = LooksLikeRfc(rfc)
                ? query.Where(d => string.Compare(d.Rfc, rfc) >= 0 && string.Compare(d.Rfc, rfcEnd) < 0)
                : query.Where(d => EF.Functions.Like(DbText.Fold(d.LegalName), DbText.Fold(pattern), "\\"));
        }

        if (filter.State is { } state)
        {
            query = query.Where(d => d.State == state);
        }

        if (programId is { } id)
        {
            // "+ 0" keeps SQLite off the (ProgramId, Year, Sequence) index, which would fetch every wide row of a
            // program; the covering registry indexes answer the filter from the index alone. PostgreSQL and SQL Server
            // plan it as the plain comparison over those same covering indexes.
            query = query.Where(d => d.ProgramId + 0 == id);
        }

        if (filter.Level is { } level)
        {
            query = query.Where(d => d.LevelCode == level);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(DistinctiveStatusQuery.Is(status, now));
        }

        return query;
    }

    /// <summary>Three or four letters, then six digits: the start of a legal-entity or individual RFC.</summary>
    private static bool LooksLikeRfc(string text) =>
        text.Length is >= 9 and <= 13
        && (char.IsAsciiLetter(text[3]) ? text.Length >= 10 && text[..4].All(char.IsAsciiLetter) && text[4..10].All(char.IsAsciiDigit)
            : text[..3].All(char.IsAsciiLetter) && text[3..9].All(char.IsAsciiDigit))
        && text.All(char.IsAsciiLetterOrDigit);

    private sealed record PageRow(
        long Id, string Number, string VerificationCode, string LegalName, string Rfc, MexicanState State, int ProgramId, string LevelCode,
        DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, DateTimeOffset? SuspendedAt, DateTimeOffset? RevokedAt);
}
