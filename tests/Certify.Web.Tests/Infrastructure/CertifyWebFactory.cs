using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Tenancy;
using Certify.Web.Identity;
using Certify.Web.Infrastructure;
using Hangfire;
using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Certify.Web.Tests.Infrastructure;

/// <summary>
/// The whole app on a real database of its own: a SQLite file (and Hangfire's SQLite file) in a fresh temp folder,
/// the demo seed loaded, staff two-factor enforced, and no Hangfire server (tests run jobs themselves, by id).
/// When the environment selects SQL Server (the Azure Pipelines job), that connection string is kept and each
/// factory gets its own database name so runs never share data. The same holds for PostgreSQL (.ci/run's second
/// pass): each factory creates its own database on that server and drops it when disposed.
/// </summary>
public sealed class CertifyWebFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Bajio.Proveedores.2026";
    public const string AdminEmail = "admin@certify.demo";
    public const string AuditorEmail = "auditora@capb.demo";
    public const string OwnerAEmail = "rh@autopartes-bajio.demo";
    public const string OwnerBEmail = "rh@plastimoldes.demo";
    public const string CompanyARfc = "ABD150310K49";
    public const string CompanyBRfc = "PMA180912R72";
    public const string DemoBodySlug = "capb-demo";

    private static readonly HtmlParser Parser = new();

    private readonly string? _sqlServerConnectionString;
    private readonly string? _postgreSqlConnectionString;
    private bool _cleanedUp;

    public CertifyWebFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "certify-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        if (string.Equals(Environment.GetEnvironmentVariable("Database__Provider"), "SqlServer", StringComparison.OrdinalIgnoreCase))
        {
            var configured = Environment.GetEnvironmentVariable("ConnectionStrings__Certify")
                ?? throw new InvalidOperationException("Database__Provider is SqlServer but ConnectionStrings__Certify is not set.");
            var connection = new SqlConnectionStringBuilder(configured);
            connection.InitialCatalog = $"{connection.InitialCatalog}_{Guid.NewGuid():N}";
            _sqlServerConnectionString = connection.ConnectionString;
        }
        else if (IsPostgreSql)
        {
            var configured = Environment.GetEnvironmentVariable("ConnectionStrings__Certify")
                ?? throw new InvalidOperationException("Database__Provider is PostgreSql but ConnectionStrings__Certify is not set.");
            var connection = new NpgsqlConnectionStringBuilder(configured);
            connection.Database = $"{connection.Database ?? "certify"}_{Guid.NewGuid():N}";
            _postgreSqlConnectionString = connection.ConnectionString;
        }
    }

    /// <summary>True when the environment runs the tests on PostgreSQL (Database__Provider=PostgreSql).</summary>
    public static bool IsPostgreSql =>
        string.Equals(Environment.GetEnvironmentVariable("Database__Provider"), "PostgreSql", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the tests run on the default embedded SQLite database.</summary>
    public static bool IsSqlite => Environment.GetEnvironmentVariable("Database__Provider") is not { Length: > 0 } provider
        || string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase);

    /// <summary>The app's data folder (Storage:DataDirectory); e-mails land in its "mail" subfolder.</summary>
    public string DataDirectory { get; }

    /// <summary>
    /// Settings the app gets besides the test defaults (e.g. <c>Cache:Redis</c>); set before the app starts. A second
    /// node on the same database is <c>WithWebHostBuilder(_ => { })</c>: it gets the same settings and data.
    /// </summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting feeds the configuration Program reads before Build (data folder, connection string, jobs).
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Seed:Demo", "true");
        builder.UseSetting("Security:RelaxStaffTwoFactorForDemo", "false");
        builder.UseSetting("Jobs:RunServer", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        if (_sqlServerConnectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:Certify", _sqlServerConnectionString);
        }

        if (_postgreSqlConnectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:Certify", _postgreSqlConnectionString);
        }

        // Hangfire's DI registration hands out the process-wide JobStorage.Current, which the last factory to start
        // overwrites: factories running side by side would enqueue into another one's storage, disposed once its
        // class is done. Each factory gets a storage of its own on its own database.
        builder.ConfigureTestServices(services => services.AddSingleton(_ => CreateJobStorage()));
    }

    /// <summary>
    /// A new Hangfire storage on this factory's job database (the same SQLite file, or the same SQL Server or PostgreSQL
    /// database), for a test that runs a Hangfire server of its own. Idle workers look for jobs every 100 ms.
    /// </summary>
    public JobStorage CreateJobStorage()
    {
        if (_sqlServerConnectionString is not null)
        {
            return new SqlServerStorage(_sqlServerConnectionString, new SqlServerStorageOptions { PrepareSchemaIfNecessary = true });
        }

        if (_postgreSqlConnectionString is not null)
        {
            var options = HangfireSetup.PostgreSqlStorageOptions(new JobOptions { SqliteQueuePollInterval = TimeSpan.FromMilliseconds(100) });
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(_postgreSqlConnectionString, options), options);
        }

        return new SQLiteStorage(Path.Combine(DataDirectory, "hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(100) });
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);

        // Starting the app pointed Hangfire's process-wide log provider at this host's logger factory; once this
        // class's host is disposed, any factory creating a job (AutomaticRetry asks for a logger) would throw.
        LogProvider.SetCurrentLogProvider(SilentHangfireLog.Instance);
        return host;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // WebApplicationFactory.DisposeAsync calls Dispose(true) too; clean up once.
        if (!disposing || _cleanedUp)
        {
            return;
        }

        _cleanedUp = true;

        if (_sqlServerConnectionString is not null)
        {
            var options = new DbContextOptionsBuilder<CertifyDbContext>().UseSqlServer(_sqlServerConnectionString).Options;
            using var db = new CertifyDbContext(options);
            db.Database.EnsureDeleted();
        }

        if (_postgreSqlConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var options = new DbContextOptionsBuilder<CertifyDbContext>().UseNpgsql(_postgreSqlConnectionString).Options;
            using var db = new CertifyDbContext(options);
            db.Database.EnsureDeleted();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }

    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the login form and returns the raw answer (a redirect on success, lockout or 2FA).</summary>
    public async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password) =>
        await PostFormAsync(client, "/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    /// <summary>Signs in with a password; a user with an authenticator enrolled also enters a current code.</summary>
    public async Task SignInAsync(HttpClient client, string email, string password = DemoPassword)
    {
        using var response = await PostLoginAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location?.OriginalString ?? "";
        if (location.Contains("Account/LoginWith2fa", StringComparison.Ordinal))
        {
            var key = await WithUserManagerAsync(async users =>
                await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(email))!));
            using var second = await PostFormAsync(client, location, "login-with-2fa", new Dictionary<string, string>
            {
                ["Input.TwoFactorCode"] = Totp.Code(key!, DateTimeOffset.UtcNow),
            });
            Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
            location = second.Headers.Location?.OriginalString ?? "";
        }

        Assert.DoesNotContain("Account/", location, StringComparison.Ordinal);
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string url)
    {
        using var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return AntiforgeryToken(await page.Content.ReadAsStringAsync());
    }

    public static string AntiforgeryToken(string html)
    {
        var input = Parse(html).QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement;
        return input?.Value ?? throw new InvalidOperationException("The page has no antiforgery token.");
    }

    /// <summary>GETs <paramref name="url"/> for its antiforgery token, then posts the named form's fields back to it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        HttpClient client, string url, string formName, IReadOnlyDictionary<string, string> fields)
    {
        var token = await AntiforgeryTokenAsync(client, url);
        return await PostFormWithTokenAsync(client, url, formName, token, fields);
    }

    /// <summary>Posts a form with a token obtained elsewhere (e.g. from another tenant's page).</summary>
    public static async Task<HttpResponseMessage> PostFormWithTokenAsync(
        HttpClient client, string url, string formName, string token, IReadOnlyDictionary<string, string> fields)
    {
        var body = new List<KeyValuePair<string, string>>
        {
            new("_handler", formName),
            new("__RequestVerificationToken", token),
        };
        body.AddRange(fields);
        using var content = new FormUrlEncodedContent(body);
        return await client.PostAsync(url, content);
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    public async Task<T> WithDbAsync<T>(Func<CertifyDbContext, Task<T>> action)
    {
        var dbFactory = Services.GetRequiredService<IDbContextFactory<CertifyDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        return await action(db);
    }

    public async Task WithDbAsync(Func<CertifyDbContext, Task> action) =>
        await WithDbAsync(async db =>
        {
            await action(db);
            return true;
        });

    public async Task<T> WithUserManagerAsync<T>(Func<UserManager<ApplicationUser>, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>());
    }

    /// <summary>
    /// Creates a confirmed user; with <paramref name="authenticator"/> an authenticator key is enrolled and two-factor
    /// turned on, as staff must have. Returns the user's id.
    /// </summary>
    public async Task<string> CreateUserAsync(string email, string password = DemoPassword, bool authenticator = false, bool platformAdmin = false) =>
        await WithUserManagerAsync(async users =>
        {
            var user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = email.Split('@')[0],
                CreatedAt = DateTimeOffset.UtcNow,
            };
            AssertSucceeded(await users.CreateAsync(user, password));
            if (authenticator)
            {
                AssertSucceeded(await users.ResetAuthenticatorKeyAsync(user));
                AssertSucceeded(await users.SetTwoFactorEnabledAsync(user, true));
            }

            if (platformAdmin)
            {
                AssertSucceeded(await users.AddToRoleAsync(user, CertifyClaims.PlatformAdminRole));
            }

            return user.Id;
        });

    public async Task<int> CompanyIdAsync(string rfc) =>
        await WithDbAsync(db => db.Companies.Where(c => c.Rfc == rfc).Select(c => c.Id).SingleAsync());

    public async Task<int> BodyIdAsync(string slug) =>
        await WithDbAsync(db => db.CertifyingBodies.Where(b => b.Slug == slug).Select(b => b.Id).SingleAsync());

    public async Task<string> UserIdAsync(string email) =>
        await WithDbAsync(db => db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleAsync());

    public async Task<int> AddCompanyMembershipAsync(int companyId, string userId, CompanyRole role) =>
        await WithDbAsync(async db =>
        {
            var membership = new CompanyMembership { CompanyId = companyId, UserId = userId, Role = role, CreatedAt = DateTimeOffset.UtcNow };
            db.CompanyMemberships.Add(membership);
            await db.SaveChangesAsync();
            return membership.Id;
        });

    public async Task<int> CreateBodyAsync(string slug, string name) =>
        await WithDbAsync(async db =>
        {
            var body = new CertifyingBody { Slug = slug, Name = name, CreatedAt = DateTimeOffset.UtcNow };
            db.CertifyingBodies.Add(body);
            await db.SaveChangesAsync();
            return body.Id;
        });

    public async Task<int> AddBodyMembershipAsync(int bodyId, string userId, BodyRole role) =>
        await WithDbAsync(async db =>
        {
            var membership = new BodyMembership { CertifyingBodyId = bodyId, UserId = userId, Role = role, CreatedAt = DateTimeOffset.UtcNow };
            db.BodyMemberships.Add(membership);
            await db.SaveChangesAsync();
            return membership.Id;
        });

    private static void AssertSucceeded(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Code}: {e.Description}")));
}
