using Certify.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Infrastructure;

public enum DatabaseProvider { Sqlite, SqlServer, PostgreSql }

public static class DatabaseSetup
{
    private static readonly SqliteConnectionSetup ConnectionSetup = new();

    public static DatabaseProvider Provider(IConfiguration configuration) =>
        Enum.TryParse<DatabaseProvider>(configuration["Database:Provider"], ignoreCase: true, out var provider)
            ? provider
            : DatabaseProvider.Sqlite;

    public static string ConnectionString(IConfiguration configuration, DataPaths paths) =>
        paths.Resolve(configuration.GetConnectionString("Certify")
            ?? throw new InvalidOperationException("ConnectionStrings:Certify is not set."));

    /// <summary>
    /// One <see cref="IDbContextFactory{TContext}"/> for components, services and jobs (a context per operation),
    /// plus a scoped context for ASP.NET Core Identity's stores.
    /// </summary>
    public static IServiceCollection AddCertifyDatabase(this IServiceCollection services, IConfiguration configuration, DataPaths paths)
    {
        var provider = Provider(configuration);
        var connectionString = ConnectionString(configuration, paths);
        services.AddDbContextFactory<CertifyDbContext>(options =>
        {
            switch (provider)
            {
                case DatabaseProvider.SqlServer:
                    // No retrying execution strategy: services open their own transactions to keep a change and its audit row together.
                    options.UseSqlServer(connectionString, sql => sql.MigrationsAssembly("Certify.Migrations.SqlServer"));
                    break;
                case DatabaseProvider.PostgreSql:
                    options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly("Certify.Migrations.PostgreSql"));
                    break;
                default:
                    options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly("Certify.Migrations.Sqlite"))
                        .AddInterceptors(ConnectionSetup);
                    break;
            }
        });
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<CertifyDbContext>>().CreateDbContext());

        // Identity's tables in the model follow this option, read from the host's services: every host of the context
        // (the app, the benchmarks) must set the same one, or the model no longer matches the migrations.
        services.Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchemaVersions.Version2);
        return services;
    }

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CertifyDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers carry on while the single writer commits.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }

        await db.Database.MigrateAsync(ct);
    }
}
