using Certify.Data.Entities;
using Certify.Domain.Auditing;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Certify.Data;

public class CertifyDbContext(DbContextOptions<CertifyDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<CertifyingBody> CertifyingBodies => Set<CertifyingBody>();
    public DbSet<BodyMembership> BodyMemberships => Set<BodyMembership>();
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<CompanyMembership> CompanyMemberships => Set<CompanyMembership>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<OutboundEmail> OutboundEmails => Set<OutboundEmail>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<QuestionnaireVersion> QuestionnaireVersions => Set<QuestionnaireVersion>();
    public DbSet<CertificationProgram> Programs => Set<CertificationProgram>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<Answer> Answers => Set<Answer>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    public DbSet<AssessmentSnapshot> AssessmentSnapshots => Set<AssessmentSnapshot>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<Finding> Findings => Set<Finding>();
    public DbSet<UnlockedQuestion> UnlockedQuestions => Set<UnlockedQuestion>();
    public DbSet<CorrectiveEvidence> CorrectiveEvidence => Set<CorrectiveEvidence>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Distinctive> Distinctives => Set<Distinctive>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CertifyDbContext).Assembly);
        var provider = Database.ProviderName;
        foreach (var (method, name) in new[] { (nameof(DbTime.Milliseconds), DbTime.MillisecondsFunction), (nameof(DbTime.DayNumber), DbTime.DayNumberFunction), (nameof(DbTime.MonthNumber), DbTime.MonthNumberFunction) })
        {
            var function = builder.HasDbFunction(typeof(DbTime).GetMethod(method)!).HasName(name);
            switch (provider)
            {
                case SqliteProvider:
                    function.IsBuiltIn();
                    break;
                case PostgreSqlProvider:
                    function.HasSchema("public");
                    break;
                default:
                    function.HasSchema("dbo");
                    break;
            }
        }

        var fold = builder.HasDbFunction(typeof(DbText).GetMethod(nameof(DbText.Fold))!);
        if (provider == PostgreSqlProvider)
        {
            fold.HasName(DbText.FoldFunction).HasSchema("public");

            // RFCs are compared as bytes (the registry looks them up by a range starting at the typed prefix).
            builder.Entity<Distinctive>().Property(d => d.Rfc).UseCollation("C");
        }
        else
        {
            fold.HasTranslation(arguments => arguments[0]);
        }
    }

    /// <summary>
    /// Chains every new <see cref="AuditEvent"/> to the head of the trail before saving, in the same transaction as
    /// the change it describes, in the order they were added. Saves that carry audit events are serialised in this
    /// process; across instances the unique indexes on Sequence and PreviousHash refuse a fork, and the whole save
    /// fails rather than break the chain.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Temporary keys grow in the order entities were added; the tracker's own enumeration order does not.
        var pending = ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added)
            .OrderBy(e => e.Property(a => a.Id).CurrentValue).Select(e => e.Entity).ToList();
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await AuditLock.WaitAsync(cancellationToken);
        try
        {
            var head = await AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
            var sequence = head?.Sequence ?? 0;
            var previous = head?.Hash ?? AuditChain.GenesisHash;
            foreach (var audit in pending)
            {
                // Millisecond precision survives every provider's date storage, so the hash can be recomputed.
                var ticks = audit.OccurredAt.UtcTicks;
                audit.OccurredAt = new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
                audit.Sequence = ++sequence;
                audit.PreviousHash = previous;
                audit.Hash = AuditChain.ComputeHash(previous, audit.OccurredAt, audit.UserId, audit.Action, audit.EntityType, audit.EntityId, audit.Details);
                previous = audit.Hash;
            }

            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            AuditLock.Release();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    private const string PostgreSqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    private static readonly SemaphoreSlim AuditLock = new(1, 1);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset in SQL; stored as a sortable long in UTC it can.
        // SQL Server keeps its native datetimeoffset.
        // PostgreSQL keeps timestamptz, which Npgsql writes only from UTC values: every instant is turned to UTC first.
        switch (Database.ProviderName)
        {
            case SqliteProvider:
                configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetToBinaryConverter>();
                configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetToBinaryConverter>();
                break;
            case PostgreSqlProvider:
                configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
                configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetConverter>();
                break;
        }

        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
