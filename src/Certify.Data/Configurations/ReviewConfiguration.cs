using Certify.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Certify.Data.Configurations;

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.HasOne(r => r.Assessment).WithMany().HasForeignKey(r => r.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.AssessmentId, r.SubmissionNumber }).IsUnique();
        builder.Property(r => r.AuditorUserId).HasMaxLength(450);
        builder.HasOne(r => r.Auditor).WithMany().HasForeignKey(r => r.AuditorUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.AuditorUserId);
        builder.Property(r => r.DecisionReason).HasMaxLength(2000);
        builder.Property(r => r.DecidedByUserId).HasMaxLength(450);
        builder.Property(r => r.ApprovalRequestedByUserId).HasMaxLength(450);
        builder.Property(r => r.LevelCode).HasMaxLength(8);
        builder.Property(r => r.AuditorScore).HasPrecision(5, 2);
    }
}

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> builder)
    {
        builder.HasOne(f => f.Review).WithMany().HasForeignKey(f => f.ReviewId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.ReviewId, f.QuestionCode }).IsUnique();
        builder.HasIndex(f => f.AssessmentId);
        builder.Property(f => f.QuestionCode).HasMaxLength(12);
        builder.Property(f => f.Comment).HasMaxLength(2000);
        builder.Property(f => f.PrivateNote).HasMaxLength(2000);
        builder.Property(f => f.CorrectiveAction).HasMaxLength(4000);
        builder.Property(f => f.UpdatedByUserId).HasMaxLength(450);
        builder.Property(f => f.Version).IsConcurrencyToken();
    }
}

internal sealed class UnlockedQuestionConfiguration : IEntityTypeConfiguration<UnlockedQuestion>
{
    public void Configure(EntityTypeBuilder<UnlockedQuestion> builder)
    {
        builder.HasOne(u => u.Assessment).WithMany().HasForeignKey(u => u.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(u => new { u.AssessmentId, u.QuestionCode }).IsUnique();
        builder.Property(u => u.QuestionCode).HasMaxLength(12);
        builder.Property(u => u.Comment).HasMaxLength(2000);
    }
}

internal sealed class CorrectiveEvidenceConfiguration : IEntityTypeConfiguration<CorrectiveEvidence>
{
    public void Configure(EntityTypeBuilder<CorrectiveEvidence> builder)
    {
        builder.HasOne(e => e.Finding).WithMany(f => f.Evidence).HasForeignKey(e => e.FindingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.FindingId);
        builder.Property(e => e.FileName).HasMaxLength(255);
        builder.Property(e => e.StorageKey).HasMaxLength(200);
        builder.Property(e => e.ContentType).HasMaxLength(100);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.UploadedByUserId).HasMaxLength(450);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.UserId, n.DedupeKey }).IsUnique();
        builder.HasIndex(n => new { n.UserId, n.ReadAt });
        builder.Property(n => n.Kind).HasMaxLength(64);
        builder.Property(n => n.DedupeKey).HasMaxLength(200);
        builder.Property(n => n.Url).HasMaxLength(300);
        builder.Property(n => n.DataJson).HasMaxLength(4000);
    }
}
