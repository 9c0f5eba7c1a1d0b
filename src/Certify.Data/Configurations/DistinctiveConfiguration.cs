using Certify.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Certify.Data.Configurations;

internal sealed class DistinctiveConfiguration : IEntityTypeConfiguration<Distinctive>
{
    public void Configure(EntityTypeBuilder<Distinctive> builder)
    {
        builder.HasOne(d => d.Assessment).WithMany().HasForeignKey(d => d.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.AssessmentId).IsUnique();
        builder.HasOne(d => d.Company).WithMany().HasForeignKey(d => d.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(d => d.Program).WithMany().HasForeignKey(d => d.ProgramId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(d => d.CertifyingBody).WithMany().HasForeignKey(d => d.CertifyingBodyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.Number).HasMaxLength(40);
        builder.HasIndex(d => d.Number).IsUnique();
        builder.HasIndex(d => new { d.ProgramId, d.Year, d.Sequence }).IsUnique();
        builder.Property(d => d.VerificationCode).HasMaxLength(13);
        builder.HasIndex(d => d.VerificationCode).IsUnique();
        builder.HasIndex(d => new { d.CertifyingBodyId, d.StatusListIndex }).IsUnique();
        builder.Property(d => d.LegalName).HasMaxLength(300);
        builder.Property(d => d.Rfc).HasMaxLength(13);
        builder.HasIndex(d => d.Rfc);

        // The public registry (RegistryIndexes): the list is ordered by name and filtered by state, level, program and
        // the dates that derive the status; the facet counts group by state and level. Both indexes carry every column
        // those queries read, so SQLite answers them from the index without touching the wide rows (the credential).
        builder.HasIndex(d => new { d.LegalName, d.State, d.LevelCode, d.ProgramId, d.ValidUntil, d.ValidFrom, d.SuspendedAt, d.RevokedAt })
            .HasDatabaseName("IX_Distinctives_RegistryByName");
        builder.HasIndex(d => new { d.State, d.LevelCode, d.ProgramId, d.ValidUntil, d.ValidFrom, d.SuspendedAt, d.RevokedAt, d.LegalName })
            .HasDatabaseName("IX_Distinctives_RegistryFacets");
        builder.HasIndex(d => d.CompanyId);
        builder.Property(d => d.LevelCode).HasMaxLength(8);
        builder.Property(d => d.Score).HasPrecision(5, 2);
        builder.Property(d => d.Topics).HasMaxLength(200);
        builder.Property(d => d.StatusReason).HasMaxLength(2000);
        builder.Property(d => d.SigningKeyId).HasMaxLength(300);
        builder.Property(d => d.PdfStorageKey).HasMaxLength(200);
        builder.Property(d => d.PdfSha256).HasMaxLength(64);
        builder.Property(d => d.Version).IsConcurrencyToken();
    }
}

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.HasOne(k => k.CertifyingBody).WithMany().HasForeignKey(k => k.CertifyingBodyId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(k => k.Kid).HasMaxLength(100);
        builder.HasIndex(k => k.Kid).IsUnique();
        builder.HasIndex(k => k.CertifyingBodyId);
        builder.Property(k => k.PublicJwk).HasMaxLength(1000);
        builder.Property(k => k.ProtectedPrivateKey).HasMaxLength(4000);
    }
}

internal sealed class DistinctiveVerificationDayConfiguration : IEntityTypeConfiguration<DistinctiveVerificationDay>
{
    public void Configure(EntityTypeBuilder<DistinctiveVerificationDay> builder)
    {
        builder.HasKey(v => new { v.DistinctiveId, v.Day });
        builder.HasOne(v => v.Distinctive).WithMany().HasForeignKey(v => v.DistinctiveId).OnDelete(DeleteBehavior.Cascade);
    }
}
