using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Certify.Web.Infrastructure;

/// <summary>
/// Lets SQLite itself wait for the write lock. Without a busy timeout, Microsoft.Data.Sqlite answers every
/// SQLITE_BUSY by sleeping 150 ms and retrying; with several jobs writing at once those sleeps dominated the routing
/// pipeline. SQLite's own handler retries within milliseconds of the lock being released.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
