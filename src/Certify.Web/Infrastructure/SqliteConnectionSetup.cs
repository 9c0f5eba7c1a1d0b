using System.Data.Common;
using System.Globalization;
using Certify.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Certify.Web.Infrastructure;

/// <summary>
/// Prepares every SQLite connection as it opens. A busy timeout lets SQLite itself wait for the write lock: without
/// one, Microsoft.Data.Sqlite answers every SQLITE_BUSY by sleeping 150 ms and retrying, and with several jobs writing
/// at once those sleeps dominated the routing pipeline. It also registers the <see cref="DbTime"/> functions the
/// dashboards' queries call (SQL Server has them from its migrations).
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        RegisterFunctions(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        RegisterFunctions(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Instants are stored as <see cref="UtcDateTimeOffsetToBinaryConverter"/> writes them; the functions decode them
    /// back to instants, then to UTC milliseconds or to the month in the bodies' calendar.
    /// Dates are stored as yyyy-MM-dd text.
    /// </summary>
    private static void RegisterFunctions(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite)
        {
            return;
        }

        sqlite.CreateFunction<long?, long?>(DbTime.MillisecondsFunction, stored => stored is { } v ? UtcDateTimeOffsetToBinaryConverter.FromBinary(v).UtcTicks / TimeSpan.TicksPerMillisecond : null, isDeterministic: true);
        sqlite.CreateFunction<string?, int?>(DbTime.DayNumberFunction,
            stored => stored is null ? null : DateOnly.ParseExact(stored, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber, isDeterministic: true);
        sqlite.CreateFunction<long?, int?>(DbTime.MonthNumberFunction, stored =>
        {
            if (stored is not { } v)
            {
                return null;
            }

            var local = BodyCalendar.Local(UtcDateTimeOffsetToBinaryConverter.FromBinary(v));
            return (local.Year * 12) + local.Month - 1;
        }, isDeterministic: true);
    }
}
