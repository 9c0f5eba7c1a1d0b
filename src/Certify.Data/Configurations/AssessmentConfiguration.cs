using Certify.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Certify.Data.Configurations;

internal sealed class QuestionnaireVersionConfiguration : IEntityTypeConfiguration<QuestionnaireVersion>
{
    public void Configure(EntityTypeBuilder<QuestionnaireVersion> builder)
    {
        builder.Property(q => q.Program).HasMaxLength(20);
        builder.Property(q => q.Version).HasMaxLength(20);
        builder.Property(q => q.ContentHash).HasMaxLength(64);
        builder.HasIndex(q => new { q.Program, q.Version }).IsUnique();
    }
}

internal sealed class CertificationProgramConfiguration : IEntityTypeConfiguration<CertificationProgram>
{
    public void Configure(EntityTypeBuilder<CertificationProgram> builder)
    {
        builder.Property(p => p.Code).HasMaxLength(20);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Property(p => p.NameEs).HasMaxLength(200);
        builder.Property(p => p.NameEn).HasMaxLength(200);
        builder.HasOne(p => p.CertifyingBody).WithMany().HasForeignKey(p => p.CertifyingBodyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.QuestionnaireVersion).WithMany().HasForeignKey(p => p.QuestionnaireVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> builder)
    {
        builder.HasOne(a => a.Company).WithMany().HasForeignKey(a => a.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Program).WithMany().HasForeignKey(a => a.ProgramId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.QuestionnaireVersion).WithMany().HasForeignKey(a => a.QuestionnaireVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.CreatedByUserId).HasMaxLength(450);
        builder.Property(a => a.SubmittedByUserId).HasMaxLength(450);
        builder.Property(a => a.OpenSlot).HasMaxLength(40);
        builder.HasIndex(a => a.OpenSlot).IsUnique();
        builder.HasIndex(a => new { a.CompanyId, a.State });
        builder.HasIndex(a => new { a.CompanyId, a.ProgramId });
        builder.HasOne<Assessment>().WithMany().HasForeignKey(a => a.RenewsAssessmentId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasMany(a => a.Answers).WithOne(x => x.Assessment).HasForeignKey(x => x.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Evidence).WithOne(x => x.Assessment).HasForeignKey(x => x.AssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AnswerConfiguration : IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Answer> builder)
    {
        builder.Property(a => a.QuestionCode).HasMaxLength(12);
        builder.HasIndex(a => new { a.AssessmentId, a.QuestionCode }).IsUnique();
        builder.Property(a => a.ValueJson).HasMaxLength(4000);
        builder.Property(a => a.Comment).HasMaxLength(2000);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.UpdatedByUserId).HasMaxLength(450);
        builder.Property(a => a.UpdatedByName).HasMaxLength(120);
    }
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> builder)
    {
        builder.Property(e => e.QuestionCode).HasMaxLength(12);
        builder.Property(e => e.FileName).HasMaxLength(160);
        builder.Property(e => e.StorageKey).HasMaxLength(200);
        builder.Property(e => e.ContentType).HasMaxLength(100);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.UploadedByUserId).HasMaxLength(450);
        builder.HasIndex(e => new { e.AssessmentId, e.QuestionCode });
    }
}

internal sealed class AssessmentSnapshotConfiguration : IEntityTypeConfiguration<AssessmentSnapshot>
{
    public void Configure(EntityTypeBuilder<AssessmentSnapshot> builder)
    {
        builder.HasOne(s => s.Assessment).WithMany().HasForeignKey(s => s.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.AssessmentId, s.SubmissionNumber }).IsUnique();
        builder.Property(s => s.OverallScore).HasPrecision(5, 2);
    }
}
