using Certify.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Certify.Data.Configurations;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.Property(c => c.LegalName).HasMaxLength(200);
        builder.Property(c => c.TradeName).HasMaxLength(200);
        builder.Property(c => c.Rfc).HasMaxLength(13);
        builder.HasIndex(c => c.Rfc).IsUnique();
        builder.Property(c => c.Municipality).HasMaxLength(120);
        builder.Property(c => c.ImssEmployerRegistration).HasMaxLength(11);
        builder.Property(c => c.RepseFolio).HasMaxLength(40);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasMany(c => c.Members).WithOne(m => m.Company).HasForeignKey(m => m.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CompanyMembershipConfiguration : IEntityTypeConfiguration<CompanyMembership>
{
    public void Configure(EntityTypeBuilder<CompanyMembership> builder)
    {
        builder.HasIndex(m => new { m.CompanyId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
