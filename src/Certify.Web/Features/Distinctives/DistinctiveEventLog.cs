using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Buyers;

namespace Certify.Web.Features.Distinctives;

/// <summary>
/// Records a change of a distinctive that buyers watching the supplier are told about, in the same unit of work as
/// the change (so a change is never saved without its event). The buyers' alert job fans it out; the dedupe key makes
/// a job that records the same change twice record it once.
/// </summary>
public static class DistinctiveEventLog
{
    public static void Add(CertifyDbContext db, Distinctive distinctive, DistinctiveEventKind kind, DateTimeOffset at, string dedupeKey)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(distinctive);
        db.DistinctiveEvents.Add(new DistinctiveEvent
        {
            Distinctive = distinctive,
            Kind = kind,
            Rfc = distinctive.Rfc,
            OccurredAt = at,
            DedupeKey = dedupeKey,
        });
    }
}
