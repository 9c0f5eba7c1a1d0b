using Certify.Web.Identity;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;

namespace Certify.Web.Infrastructure;

public sealed class JobOptions
{
    /// <summary>Off in tests that want to control when jobs run.</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>How often idle workers look for new jobs on the SQLite and PostgreSQL storages (their defaults are 15 s).</summary>
    public TimeSpan SqliteQueuePollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public int WorkerCount { get; set; } = 4;

    /// <summary>
    /// How long a job a worker took stays hidden from the other workers without a sign of life. A job interrupted by a
    /// crash (kill -9, a lost machine) is handed out again after this; jobs are idempotent. On PostgreSQL and SQL Server
    /// a running job's worker renews it (sliding), so a long job is never handed out twice while its worker lives.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// On PostgreSQL, Hangfire's locks (a job's state change, the recurring scheduler) are rows that a crashed node
    /// cannot delete; another node takes such a lock over once it is this old. Hangfire's own locks are held for
    /// milliseconds, so a minute is ample (the storage's default, 10 minutes, held up a job a killed node was finishing).
    /// </summary>
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromMinutes(1);
}

public static class HangfireSetup
{
    public static readonly string[] Queues = ["default", "email"];

    public static IServiceCollection AddCertifyJobs(this IServiceCollection services, IConfiguration configuration, DataPaths paths)
    {
        var options = configuration.GetSection("Jobs").Get<JobOptions>() ?? new JobOptions();
        var provider = DatabaseSetup.Provider(configuration);
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (provider == DatabaseProvider.SqlServer)
            {
                config.UseSqlServerStorage(DatabaseSetup.ConnectionString(configuration, paths), new SqlServerStorageOptions
                {
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.Zero,
                    SlidingInvisibilityTimeout = options.InvisibilityTimeout,
                });
            }
            else if (provider == DatabaseProvider.PostgreSql)
            {
                var connectionString = DatabaseSetup.ConnectionString(configuration, paths);
                config.UsePostgreSqlStorage(storage => storage.UseNpgsqlConnection(connectionString), PostgreSqlStorageOptions(options));
            }
            else
            {
                var file = paths.Resolve(configuration["Jobs:SqlitePath"] ?? "{DataDirectory}/hangfire.db");
                config.UseSQLiteStorage(file, new SQLiteStorageOptions
                {
                    QueuePollInterval = options.SqliteQueuePollInterval,
                    // The default rollback journal syncs the file several times per job; WAL commits with one append.
                    JournalMode = SQLiteStorageOptions.JournalModes.WAL,
                    // A job interrupted by a crash is picked up again after this (not sliding on this storage).
                    InvisibilityTimeout = options.InvisibilityTimeout,
                });
            }
        });

        if (options.RunServer)
        {
            services.AddHangfireServer(server =>
            {
                server.Queues = Queues;
                server.WorkerCount = options.WorkerCount;
                server.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            });
        }

        return services;
    }

    /// <summary>
    /// Hangfire's tables on PostgreSQL: the app's own database, in a schema of their own that Hangfire creates and
    /// upgrades itself (EF's migrations never see it). Idle workers are woken by LISTEN/NOTIFY, not only by polling.
    /// </summary>
    public static PostgreSqlStorageOptions PostgreSqlStorageOptions(JobOptions options) => new()
    {
        SchemaName = PostgreSqlSchema,
        PrepareSchemaIfNecessary = true,
        QueuePollInterval = options.SqliteQueuePollInterval,
        EnableLongPolling = true,
        // Sliding: the worker running a job renews its claim every fifth of the timeout, so the timeout only decides how
        // soon a job of a dead worker (kill -9, a lost node) is handed to another one.
        InvisibilityTimeout = options.InvisibilityTimeout,
        UseSlidingInvisibilityTimeout = true,
        DistributedLockTimeout = options.DistributedLockTimeout,
    };

    public const string PostgreSqlSchema = "hangfire";

    public static IEndpointRouteBuilder MapCertifyJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard("/admin/jobs", new DashboardOptions
        {
            // The endpoint policy below already decides; this filter repeats it so the dashboard never opens by itself.
            Authorization = [new PlatformAdminDashboardFilter()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "Certify — trabajos",
        }).RequireAuthorization(Policies.PlatformAdmin);

        // The dashboard's counters are read with a POST of the metric names; Hangfire reads a form on a GET too and
        // fails with 500. Answer what the address accepts instead.
        endpoints.MapGet("/admin/jobs/stats", (HttpContext context) =>
        {
            context.Response.Headers.Allow = HttpMethods.Post;
            return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
        }).RequireAuthorization(Policies.PlatformAdmin);
        return endpoints;
    }

    private sealed class PlatformAdminDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User.IsInRole(CertifyClaims.PlatformAdminRole);
    }
}
