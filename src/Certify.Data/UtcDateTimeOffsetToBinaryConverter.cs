using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Certify.Data;

/// <summary>
/// How SQLite stores instants: EF Core's DateTimeOffsetToBinaryConverter layout ((ticks / 1000) &lt;&lt; 11, with the
/// offset in minutes in the low 11 bits), but always written in UTC. The plain converter keeps the local ticks of a
/// value such as a validity starting at Mexico City midnight (−06:00), and SQL comparisons of those longs against
/// UTC instants were then six hours off; written in UTC every comparison and ordering in SQL is exact. Reading still
/// honours an offset, so rows written before are read back as the same instants.
/// </summary>
public sealed class UtcDateTimeOffsetToBinaryConverter : ValueConverter<DateTimeOffset, long>
{
    public UtcDateTimeOffsetToBinaryConverter()
        : base(value => (value.UtcTicks / 1000) << 11, stored => FromBinary(stored))
    {
    }

    /// <summary>The instant a stored value stands for, whatever offset it was written with.</summary>
    public static DateTimeOffset FromBinary(long stored) =>
        new(new DateTime((stored >> 11) * 1000), TimeSpan.FromMinutes((stored << 53) >> 53));
}
