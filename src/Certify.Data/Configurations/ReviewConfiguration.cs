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
    }
}
