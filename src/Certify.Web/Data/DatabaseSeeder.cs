using System.Text.Json;
using System.Text.Json.Serialization;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Companies;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Distinctives;
using Certify.Web.Features.Organizations;
using Certify.Web.Identity;
using Certify.Web.Infrastructure.Files;
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

        DemoSeed? demo = null;
        if (options.Value.Demo && environment.IsDevelopment())
        {
            demo = await SeedDemoAsync(scope.ServiceProvider, ct);
        }

        // After the demo bodies exist, so demo programs find their certifying body.
        var db = scope.ServiceProvider.GetRequiredService<CertifyDbContext>();
        await scope.ServiceProvider.GetRequiredService<QuestionnaireRegistry>().LoadAsync(db, SeedPaths.Root(configuration), clock, ct);

        // After the programs are loaded: issuing reads their levels.
        if (demo is not null)
        {
            await SeedDemoDistinctivesAsync(scope.ServiceProvider, demo, ct);
            await SeedDemoConcernsAsync(scope.ServiceProvider, ct);
        }
    }

    /// <summary>
    /// Two worker concerns about the first demo distinctive, reported through the same service as the public form, so
    /// the body's inbox (<c>/organismos/{id}/inquietudes</c>) has something to show on a fresh clone.
    /// </summary>
    private static async Task SeedDemoConcernsAsync(IServiceProvider scoped, CancellationToken ct)
    {
        var db = scoped.GetRequiredService<CertifyDbContext>();
        if (await db.Concerns.AnyAsync(ct))
        {
            return;
        }

        var code = await db.Distinctives.AsNoTracking().Where(d => d.RevokedAt == null && d.SuspendedAt == null)
            .OrderBy(d => d.Id).Select(d => d.VerificationCode).FirstOrDefaultAsync(ct);
        if (code is null)
        {
            return;
        }

        var concerns = scoped.GetRequiredService<Features.Concerns.ConcernService>();
        foreach (var (topic, what) in new[]
        {
            (Domain.Concerns.ConcernTopic.PayHours, "En el turno nocturno no nos pagan las horas extra desde que cambió el supervisor. (Ejemplo de la demo.)"),
            (Domain.Concerns.ConcernTopic.Subcontracting, "Hay compañeros de una agencia que hacen el mismo trabajo de línea que nosotros. (Ejemplo de la demo.)"),
        })
        {
            await concerns.ReportAsync(code, new Features.Concerns.ConcernForm { Topic = topic.ToString(), What = what, Ongoing = "yes" }, null, ct);
        }
    }

    private async Task<DemoSeed> SeedDemoAsync(IServiceProvider scoped, CancellationToken ct)
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

        foreach (var buyer in demo.Buyers ?? [])
        {
            if (!await db.Buyers.AnyAsync(b => b.Name == buyer.Name, ct))
            {
                var entity = new Buyer { Name = buyer.Name, CreatedAt = now };
                db.Buyers.Add(entity);
                await db.SaveChangesAsync(ct);
                db.WatchedSuppliers.AddRange(buyer.Watch.Select(rfc => new WatchedSupplier { BuyerId = entity.Id, Rfc = rfc, AddedAt = now, AddedByUserId = "seed" }));
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

            if (account.Buyer is not null && account.BuyerRole is { } buyerRole)
            {
                var buyerId = await db.Buyers.Where(b => b.Name == account.Buyer).Select(b => b.Id).SingleAsync(ct);
                if (!await db.BuyerMemberships.AnyAsync(m => m.BuyerId == buyerId && m.UserId == user.Id, ct))
                {
                    db.BuyerMemberships.Add(new BuyerMembership { BuyerId = buyerId, UserId = user.Id, Role = buyerRole, CreatedAt = now });
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
        return demo;
    }

    /// <summary>
    /// Issued demo distinctives, so the registry is alive from the first start: for each entry an approved assessment
    /// of the company, issued by the issuance job itself on a clock set back to the day of issue, then suspended or
    /// revoked as the entry says (an expired one is simply issued long enough ago). Entries whose company already has
    /// a distinctive in the program are left as they are.
    /// </summary>
    private async Task SeedDemoDistinctivesAsync(IServiceProvider scoped, DemoSeed demo, CancellationToken ct)
    {
        var dbFactory = scoped.GetRequiredService<IDbContextFactory<CertifyDbContext>>();
        var now = clock.GetUtcNow();
        foreach (var entry in demo.Distinctives ?? [])
        {
            var issuedAt = now.AddDays(-entry.IssuedDaysAgo);
            int assessmentId;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                var companyId = await db.Companies.Where(c => c.Rfc == entry.Company).Select(c => c.Id).SingleAsync(ct);
                var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Code == entry.Program, ct);
                if (program is null)
                {
                    logger.LogWarning("Demo distinctive for {Company} skipped: program {Program} is not loaded", entry.Company, entry.Program);
                    continue;
                }

                if (await db.Distinctives.AnyAsync(d => d.CompanyId == companyId && d.ProgramId == program.Id, ct))
                {
                    continue;
                }

                assessmentId = await db.Assessments
                    .Where(a => a.CompanyId == companyId && a.ProgramId == program.Id && a.State == AssessmentState.Approved)
                    .Select(a => a.Id).FirstOrDefaultAsync(ct);
                if (assessmentId == 0)
                {
                    assessmentId = await AddApprovedAssessmentAsync(scoped, db, companyId, program, entry, issuedAt, ct);
                }
            }

            try
            {
                await ActivatorUtilities.CreateInstance<IssueDistinctiveJob>(scoped, new FixedClock(issuedAt)).RunAsync(assessmentId, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Demo data must not stop the app; the reconcile job finishes an issuance that failed half-way.
                logger.LogWarning(e, "Demo distinctive for {Company} was not completed", entry.Company);
            }

            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                var distinctives = db.Distinctives.Where(d => d.AssessmentId == assessmentId);
                var changed = issuedAt.AddDays(30);
                if (entry.Status == DemoDistinctiveStatus.Suspended)
                {
                    await distinctives.Where(d => d.SuspendedAt == null).ExecuteUpdateAsync(u => u
                        .SetProperty(d => d.SuspendedAt, changed).SetProperty(d => d.StatusReason, entry.Reason).SetProperty(d => d.Version, Guid.NewGuid()), ct);
                }
                else if (entry.Status == DemoDistinctiveStatus.Revoked)
                {
                    await distinctives.Where(d => d.RevokedAt == null).ExecuteUpdateAsync(u => u
                        .SetProperty(d => d.RevokedAt, changed).SetProperty(d => d.StatusReason, entry.Reason).SetProperty(d => d.Version, Guid.NewGuid()), ct);
                }
            }
        }
    }

    /// <summary>An assessment approved at <paramref name="approvedAt"/> with the entry's level, answered and reviewed as a company and an auditor would leave it.</summary>
    private static async Task<int> AddApprovedAssessmentAsync(
        IServiceProvider scoped, CertifyDbContext db, int companyId, CertificationProgram program, DemoDistinctive entry, DateTimeOffset approvedAt, CancellationToken ct)
    {
        var owner = await db.CompanyMemberships.Where(m => m.CompanyId == companyId).OrderBy(m => m.Id).Select(m => m.UserId).FirstOrDefaultAsync(ct);
        var auditor = await db.BodyMemberships
            .Where(m => m.CertifyingBodyId == program.CertifyingBodyId && m.Role == BodyRole.Auditor && m.Active)
            .OrderBy(m => m.Id).Select(m => m.UserId).FirstOrDefaultAsync(ct);
        var assessment = new Assessment
        {
            CompanyId = companyId,
            ProgramId = program.Id,
            QuestionnaireVersionId = program.QuestionnaireVersionId,
            State = AssessmentState.Approved,
            CreatedAt = approvedAt.AddDays(-30),
            CreatedByUserId = owner ?? "seed",
            SubmittedAt = approvedAt.AddDays(-10),
            SubmittedByUserId = owner,
            SubmissionCount = 1,
            Version = Guid.NewGuid(),
        };
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync(ct);
        var review = new Review
        {
            AssessmentId = assessment.Id,
            SubmissionNumber = 1,
            AuditorUserId = auditor,
            DueOn = DateOnly.FromDateTime(approvedAt.UtcDateTime),
            CreatedAt = approvedAt.AddDays(-10),
            AssignedAt = approvedAt.AddDays(-10),
            DecidedAt = approvedAt,
            DecidedByUserId = auditor,
            AuditorScore = entry.Score,
            LevelCode = entry.Level,
        };
        db.Reviews.Add(review);
        await db.SaveChangesAsync(ct);
        await DemoAssessmentContent.AddAsync(
            db, assessment, review, scoped.GetRequiredService<QuestionnaireRegistry>().ForVersion(program.QuestionnaireVersionId),
            scoped.GetRequiredService<IFileStore>(), owner ?? "seed", ct);
        await db.SaveChangesAsync(ct);
        return assessment.Id;
    }

    /// <summary>The clock the demo issuance runs on: the day each demo distinctive was issued.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed record DemoSeed(
        string Password,
        List<DemoBody> CertifyingBodies,
        List<CompanyForm> Companies,
        List<DemoUser> Users,
        List<DemoDistinctive>? Distinctives = null,
        List<DemoBuyer>? Buyers = null);

    private sealed record DemoBuyer(string Name, List<string> Watch);

    private enum DemoDistinctiveStatus { Active, Suspended, Revoked, Expired }

    /// <summary>A demo distinctive; <see cref="DemoDistinctiveStatus.Expired"/> comes from issuing it long enough ago.</summary>
    private sealed record DemoDistinctive(
        string Company,
        string Program,
        string Level,
        decimal Score,
        int IssuedDaysAgo,
        DemoDistinctiveStatus Status,
        string? Reason = null);

    private sealed record DemoBody(string Slug, string Name);

    private sealed record DemoUser(
        string Email,
        string Name,
        bool PlatformAdmin = false,
        string? Body = null,
        BodyRole? BodyRole = null,
        string? Company = null,
        CompanyRole? CompanyRole = null,
        string? Buyer = null,
        CompanyRole? BuyerRole = null);
}
