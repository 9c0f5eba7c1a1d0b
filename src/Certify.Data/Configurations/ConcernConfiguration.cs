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

internal sealed class FollowUpReviewConfiguration : IEntityTypeConfiguration<FollowUpReview>
{
    public void Configure(EntityTypeBuilder<FollowUpReview> builder)
    {
        builder.HasOne(r => r.Concern).WithMany().HasForeignKey(r => r.ConcernId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Assessment).WithMany().HasForeignKey(r => r.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.AuditorUserId).HasMaxLength(450);
        builder.Property(r => r.OpenedByUserId).HasMaxLength(450);
        builder.HasIndex(r => new { r.AssessmentId, r.SubmissionNumber }).IsUnique();
        builder.HasIndex(r => r.ConcernId);
    }
}

internal sealed class FollowUpQuestionConfiguration : IEntityTypeConfiguration<FollowUpQuestion>
{
    public void Configure(EntityTypeBuilder<FollowUpQuestion> builder)
    {
        builder.HasOne(q => q.FollowUpReview).WithMany(r => r.Questions).HasForeignKey(q => q.FollowUpReviewId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(q => q.QuestionCode).HasMaxLength(12);
        builder.Property(q => q.Request).HasMaxLength(2000);
        builder.HasIndex(q => new { q.FollowUpReviewId, q.QuestionCode }).IsUnique();
    }
}
