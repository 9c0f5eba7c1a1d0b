using System.Text.Json;
using System.Text.Json.Serialization;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Companies;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Assessments;
using Certify.Web.Features.Organizations;
using Certify.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Data;

public sealed class SeedOptions
{
    /// <summary>Loads seed/demo (demo accounts, bodies, companies). Honoured in Development only.</summary>
    public bool Demo { get; set; }
}

public static class SeedingSetup
{
    public static IServiceCollection AddCertifySeeding(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SeedOptions>(configuration.GetSection("Seed"));
        services.AddSingleton<DatabaseSeeder>();
        return services;
    }
}

/// <summary>Loads seed/ at start. Safe to run on every start: it only adds what is missing.</summary>
public sealed class DatabaseSeeder(
    IServiceProvider services,
    IConfiguration configuration,
    IHostEnvironment environment,
    Microsoft.Extensions.Options.IOptions<SeedOptions> options,
    TimeProvider clock,
    ILogger<DatabaseSeeder> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task SeedAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(CertifyClaims.PlatformAdminRole))
        {
            await roles.CreateAsync(new IdentityRole(CertifyClaims.PlatformAdminRole));
        }

        if (options.Value.Demo && environment.IsDevelopment())
        {
            await SeedDemoAsync(scope.ServiceProvider, ct);
        }

        // After the demo bodies exist, so demo programs find their certifying body.
        var db = scope.ServiceProvider.GetRequiredService<CertifyDbContext>();
        await scope.ServiceProvider.GetRequiredService<QuestionnaireRegistry>().LoadAsync(db, SeedPaths.Root(configuration), clock, ct);
    }

    private async Task SeedDemoAsync(IServiceProvider scoped, CancellationToken ct)
    {
        var file = Path.Combine(SeedPaths.Root(configuration), "demo", "demo.json");
        await using var stream = File.OpenRead(file);
        var demo = await JsonSerializer.DeserializeAsync<DemoSeed>(stream, Json, ct)
            ?? throw new InvalidDataException($"{file} is empty.");
        var db = scoped.GetRequiredService<CertifyDbContext>();
        var users = scoped.GetRequiredService<UserManager<ApplicationUser>>();
        var now = clock.GetUtcNow();

        foreach (var body in demo.CertifyingBodies)
        {
            if (!await db.CertifyingBodies.AnyAsync(b => b.Slug == body.Slug, ct))
            {
                db.CertifyingBodies.Add(new CertifyingBody { Slug = body.Slug, Name = body.Name, CreatedAt = now });
            }
        }

        foreach (var form in demo.Companies)
        {
            if (form.Validate() is { Count: > 0 } errors)
            {
                throw new InvalidDataException($"{file}: company {form.Rfc}: {string.Join(", ", errors.Select(e => $"{e.Field} {e.Key}"))}.");
            }

            var rfc = Rfc.Validate(form.Rfc).Normalized;
            if (!await db.Companies.AnyAsync(c => c.Rfc == rfc, ct))
            {
                var entity = new Company { LegalName = "", Rfc = "", Municipality = "", CreatedAt = now, UpdatedAt = now, Version = Guid.NewGuid() };
                form.ApplyTo(entity);
                db.Companies.Add(entity);
            }
        }

        await db.SaveChangesAsync(ct);

        foreach (var account in demo.Users)
        {
            var user = await users.FindByEmailAsync(account.Email);
            if (user is null)
            {
                user = new ApplicationUser
                {
                    UserName = account.Email,
                    Email = account.Email,
                    EmailConfirmed = true,
                    DisplayName = account.Name,
                    CreatedAt = now,
                };
                var created = await users.CreateAsync(user, demo.Password);
                if (!created.Succeeded)
                {
                    throw new InvalidDataException($"{file}: demo user {account.Email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
                }
            }

            if (account.PlatformAdmin && !await users.IsInRoleAsync(user, CertifyClaims.PlatformAdminRole))
            {
                await users.AddToRoleAsync(user, CertifyClaims.PlatformAdminRole);
            }

            if (account.Body is not null && account.BodyRole is { } bodyRole)
            {
                var bodyId = await db.CertifyingBodies.Where(b => b.Slug == account.Body).Select(b => b.Id).SingleAsync(ct);
                if (!await db.BodyMemberships.AnyAsync(m => m.CertifyingBodyId == bodyId && m.UserId == user.Id && m.Role == bodyRole, ct))
                {
                    db.BodyMemberships.Add(new BodyMembership { CertifyingBodyId = bodyId, UserId = user.Id, Role = bodyRole, CreatedAt = now });
                }
            }

            if (account.Company is not null && account.CompanyRole is { } companyRole)
            {
                var companyId = await db.Companies.Where(c => c.Rfc == account.Company).Select(c => c.Id).SingleAsync(ct);
                if (!await db.CompanyMemberships.AnyAsync(m => m.CompanyId == companyId && m.UserId == user.Id, ct))
                {
                    db.CompanyMemberships.Add(new CompanyMembership { CompanyId = companyId, UserId = user.Id, Role = companyRole, CreatedAt = now });
                }
            }
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo data loaded from {File}: {Users} accounts", file, demo.Users.Count);
    }

    private sealed record DemoSeed(
        string Password,
        List<DemoBody> CertifyingBodies,
        List<CompanyForm> Companies,
        List<DemoUser> Users);

    private sealed record DemoBody(string Slug, string Name);

    private sealed record DemoUser(
        string Email,
        string Name,
        bool PlatformAdmin = false,
        string? Body = null,
        BodyRole? BodyRole = null,
        string? Company = null,
        CompanyRole? CompanyRole = null);
}
