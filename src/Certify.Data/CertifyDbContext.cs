using Certify.Data.Entities;
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
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<Concern> Concerns => Set<Concern>();
    public DbSet<ConcernMessage> ConcernMessages => Set<ConcernMessage>();
    public DbSet<ConcernThrottle> ConcernThrottles => Set<ConcernThrottle>();
    public DbSet<ConcernDaySalt> ConcernDaySalts => Set<ConcernDaySalt>();
    public DbSet<FollowUpReview> FollowUpReviews => Set<FollowUpReview>();
    public DbSet<FollowUpQuestion> FollowUpQuestions => Set<FollowUpQuestion>();
    public DbSet<RiskModelVersion> RiskModelVersions => Set<RiskModelVersion>();
    public DbSet<RiskSample> RiskSamples => Set<RiskSample>();
    public DbSet<Buyer> Buyers => Set<Buyer>();
    public DbSet<BuyerMembership> BuyerMemberships => Set<BuyerMembership>();
    public DbSet<WatchedSupplier> WatchedSuppliers => Set<WatchedSupplier>();
    public DbSet<DistinctiveEvent> DistinctiveEvents => Set<DistinctiveEvent>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<BuyerApiKey> BuyerApiKeys => Set<BuyerApiKey>();
    public DbSet<DistinctiveVerificationDay> DistinctiveVerificationDays => Set<DistinctiveVerificationDay>();

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
    /// Gives every changed <see cref="Finding"/> a new <see cref="Finding.Version"/>, so a save based on a finding read
    /// before someone else's change fails with <see cref="DbUpdateConcurrencyException"/> instead of overwriting it.
    /// Audit events are saved unsealed, with no lock: the audit sealer chains them afterwards.
    /// </summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var finding in ChangeTracker.Entries<Finding>().Where(e => e.State == EntityState.Modified))
        {
            finding.Entity.Version = Guid.NewGuid();
        }

        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    private const string PostgreSqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

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
