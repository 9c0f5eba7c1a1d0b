using System.Globalization;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Companies;
using Certify.Domain.Distinctives;
using Certify.Web.Features.Assessments;
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
/// with counts by state and level. Everything is filtered, counted and paged in the database (status through
/// <see cref="DistinctiveStatusQuery"/>); only the page's rows are loaded.
/// </summary>
public sealed class RegistryService(IDbContextFactory<CertifyDbContext> dbFactory, QuestionnaireRegistry questionnaires, TimeProvider clock)
{
    public const int PageSize = 20;

    public async Task<RegistryResult> SearchAsync(RegistryFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var programs = await db.Programs.AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new { p.Id, p.Code, p.NameEs, p.NameEn }).ToListAsync(ct);
        var levels = programs.SelectMany(p => questionnaires.Program(p.Id).Levels.Select(l => l.Code))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var matches = Filtered(db.Distinctives.AsNoTracking(), filter, programs.Find(p => p.Code == filter.Program)?.Id, now);

        // One GROUP BY on (state, level) gives both facets and the total (at most 32 × levels rows), one scan of the
        // covering registry index instead of three.
        var facets = await matches.GroupBy(d => new { d.State, d.LevelCode })
            .Select(g => new { g.Key.State, g.Key.LevelCode, Count = g.Count() }).ToListAsync(ct);
        var byState = facets.GroupBy(f => f.State).Select(g => new RegistryCount<MexicanState>(g.Key, g.Sum(f => f.Count)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Key).ToList();
        var byLevel = facets.GroupBy(f => f.LevelCode).Select(g => new RegistryCount<string>(g.Key, g.Sum(f => f.Count)))
            .OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        var total = facets.Sum(f => f.Count);

        var page = Math.Min(filter.Page, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = total == 0 ? [] : await matches
            .OrderBy(d => d.LegalName).ThenBy(d => d.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(d => new
            {
                d.Number, d.VerificationCode, d.LegalName, d.Rfc, d.State, d.ProgramId, d.LevelCode,
                d.ValidFrom, d.ValidUntil, d.SuspendedAt, d.RevokedAt,
            })
            .ToListAsync(ct);

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

    private static IQueryable<Distinctive> Filtered(IQueryable<Distinctive> query, RegistryFilter filter, int? programId, DateTimeOffset now)
    {
        if (filter.Query is { } text)
        {
            // An RFC is looked up by prefix (indexed); anything else is a substring of the legal name. LIKE's wildcards
            // typed by the person are escaped, and SQLite's LIKE ignores ASCII case, as SQL Server's collation does.
            var rfc = text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
            var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
            // A range rather than LIKE 'x%': SQLite's LIKE ignores case and so cannot use the index on Rfc.
            var rfcEnd = rfc + "\uFFFF";
            query = LooksLikeRfc(rfc)
                ? query.Where(d => string.Compare(d.Rfc, rfc) >= 0 && string.Compare(d.Rfc, rfcEnd) < 0)
                : query.Where(d => EF.Functions.Like(d.LegalName, pattern, "\\"));
        }

        if (filter.State is { } state)
        {
            query = query.Where(d => d.State == state);
        }

        if (filter.Program is not null)
        {
            // "+ 0" keeps SQLite off the (ProgramId, Year, Sequence) index, which would fetch every wide row of a
            // program; the covering registry indexes answer the filter from the index alone.
            var id = programId ?? -1;
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
}
