using Certify.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Certify.Data.Configurations;

internal sealed class RiskModelVersionConfiguration : IEntityTypeConfiguration<RiskModelVersion>
{
    public void Configure(EntityTypeBuilder<RiskModelVersion> builder)
    {
        builder.HasOne(m => m.Program).WithMany().HasForeignKey(m => m.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.ProgramId, m.Version }).IsUnique();
        builder.HasIndex(m => new { m.ProgramId, m.Fingerprint }).IsUnique();
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Fingerprint).HasMaxLength(64);
    }
}

internal sealed class RiskSampleConfiguration : IEntityTypeConfiguration<RiskSample>
{
    public void Configure(EntityTypeBuilder<RiskSample> builder)
    {
        builder.HasOne(s => s.CertifyingBody).WithMany().HasForeignKey(s => s.CertifyingBodyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.CertifyingBodyId, s.DrawnAt });
        builder.Property(s => s.Topic).HasMaxLength(16);
        builder.Property(s => s.DrawnByUserId).HasMaxLength(450);
    }
}
