using Certify.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Certify.Data.Configurations;

internal sealed class ConcernConfiguration : IEntityTypeConfiguration<Concern>
{
    public void Configure(EntityTypeBuilder<Concern> builder)
    {
        builder.HasOne(c => c.CertifyingBody).WithMany().HasForeignKey(c => c.CertifyingBodyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Company).WithMany().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Distinctive).WithMany().HasForeignKey(c => c.DistinctiveId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Topic).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.LookupId).HasMaxLength(6);
        builder.HasIndex(c => c.LookupId).IsUnique();
        builder.Property(c => c.SecretSalt).HasMaxLength(16);
        builder.Property(c => c.SecretHash).HasMaxLength(32);
        builder.Property(c => c.AssignedAuditorId).HasMaxLength(450);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => new { c.CertifyingBodyId, c.State });
        builder.HasIndex(c => new { c.CompanyId, c.ReceivedOn });
        builder.HasMany(c => c.Messages).WithOne(m => m.Concern).HasForeignKey(m => m.ConcernId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConcernMessageConfiguration : IEntityTypeConfiguration<ConcernMessage>
{
    public void Configure(EntityTypeBuilder<ConcernMessage> builder)
    {
        builder.Property(m => m.AuthorUserId).HasMaxLength(450);
        builder.HasIndex(m => m.ConcernId);
    }
}

internal sealed class ConcernThrottleConfiguration : IEntityTypeConfiguration<ConcernThrottle>
{
    public void Configure(EntityTypeBuilder<ConcernThrottle> builder)
    {
        builder.Property(t => t.Kind).HasMaxLength(16);
        builder.Property(t => t.Key).HasMaxLength(64);
        builder.HasIndex(t => new { t.Day, t.Kind, t.Key }).IsUnique();
    }
}

internal sealed class ConcernDaySaltConfiguration : IEntityTypeConfiguration<ConcernDaySalt>
{
    public void Configure(EntityTypeBuilder<ConcernDaySalt> builder)
    {
        builder.HasKey(s => s.Day);
        builder.Property(s => s.Salt).HasMaxLength(32);
    }
}

internal sealed class FollowUpRequestConfiguration : IEntityTypeConfiguration<FollowUpRequest>
{
    public void Configure(EntityTypeBuilder<FollowUpRequest> builder)
    {
        builder.HasOne(r => r.Concern).WithMany().HasForeignKey(r => r.ConcernId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Company).WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.QuestionCode).HasMaxLength(12);
        builder.Property(r => r.Request).HasMaxLength(2000);
        builder.Property(r => r.Answer).HasMaxLength(4000);
        builder.Property(r => r.AnsweredByUserId).HasMaxLength(450);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.CompanyId, r.AnsweredOn });
        builder.HasIndex(r => r.ConcernId);
    }
}

internal sealed class FollowUpEvidenceConfiguration : IEntityTypeConfiguration<FollowUpEvidence>
{
    public void Configure(EntityTypeBuilder<FollowUpEvidence> builder)
    {
        builder.HasOne(e => e.FollowUpRequest).WithMany(r => r.Evidence).HasForeignKey(e => e.FollowUpRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.FollowUpRequestId);
        builder.Property(e => e.FileName).HasMaxLength(255);
        builder.Property(e => e.StorageKey).HasMaxLength(200);
        builder.Property(e => e.ContentType).HasMaxLength(100);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.UploadedByUserId).HasMaxLength(450);
    }
}
