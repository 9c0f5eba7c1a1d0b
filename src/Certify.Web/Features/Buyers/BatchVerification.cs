using Certify.Data;
using Certify.Domain.Buyers;
using Certify.Domain.Companies;
using Certify.Domain.Distinctives;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Buyers;

/// <summary>One answer of a batch: what was asked, how it was read (<c>rfc</c>, <c>code</c> or <c>invalid</c>) and the public facts.</summary>
public sealed record BatchItem(
    string Input, string Kind, bool Found, string? Company = null, string? Rfc = null, string? Number = null, string? VerificationCode = null,
    string? Program = null, string? Level = null, string? Status = null, DateTimeOffset? ValidUntil = null, string? VerificationUrl = null);

public sealed record BatchRequest(IReadOnlyList<string>? Items);

public sealed record BatchResponse(IReadOnlyList<BatchItem> Items);

/// <summary>
/// Verifies up to <see cref="MaxItems"/> RFCs or verification codes in two queries (one per kind): for an RFC, its
/// latest distinctive; for a code, that distinctive. Only what the public registry shows.
/// </summary>
public sealed class BatchVerification(IDbContextFactory<CertifyDbContext> dbFactory, DistinctiveUrls urls, TimeProvider clock)
{
    public const int MaxItems = 1_000;

    public async Task<BatchResponse> VerifyAsync(IReadOnlyList<string> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        var read = items.Select(Read).ToList();
        var rfcs = read.Where(r => r.Kind == "rfc").Select(r => r.Key).Distinct(StringComparer.Ordinal).ToList();
        var codes = read.Where(r => r.Kind == "code").Select(r => r.Key).Distinct(StringComparer.Ordinal).ToList();
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var byRfc = rfcs.Count == 0 ? [] : await SupplierStatus.LatestAsync(db, rfcs, now, ct);
        var byCode = codes.Count == 0 ? [] : await SupplierStatus.ByCodeAsync(db, codes, now, ct);
        return new BatchResponse(read.Select(r =>
        {
            var found = r.Kind switch
            {
                "rfc" => byRfc.GetValueOrDefault(r.Key),
                "code" => byCode.GetValueOrDefault(r.Key),
                _ => null,
            };
            return found is null
                ? new BatchItem(r.Input, r.Kind, false)
                : new BatchItem(r.Input, r.Kind, true, found.LegalName, found.Rfc, found.Number, found.VerificationCode, found.ProgramCode, found.Level,
                    found.Status.ToString().ToLowerInvariant(), found.ValidUntil, VerificationCode.TryParse(found.VerificationCode, out var code) ? urls.Verify(code) : null);
        }).ToList());
    }

    private static (string Input, string Kind, string Key) Read(string? input)
    {
        var text = input?.Trim() ?? "";
        if (VerificationCode.TryParse(text, out var code))
        {
            return (text, "code", code.Value);
        }

        var rfc = Rfc.Validate(SupplierList.Normalize(text));
        return rfc.IsValid ? (text, "rfc", rfc.Normalized) : (text, "invalid", "");
    }
}
