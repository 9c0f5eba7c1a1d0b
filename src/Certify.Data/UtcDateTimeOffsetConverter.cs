using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Certify.Data;

/// <summary>
/// How PostgreSQL stores instants: timestamptz, which Npgsql refuses to write from a value with a non-zero offset (a
/// validity starting at Mexico City midnight is −06:00). Every value, and every parameter compared with such a column,
/// is turned to the same instant in UTC; values are read back in UTC.
/// </summary>
public sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(value => value.ToUniversalTime(), stored => stored);
