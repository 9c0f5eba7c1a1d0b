using Certify.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Certify.Data.Configurations;

internal sealed class CertifyingBodyConfiguration : IEntityTypeConfiguration<CertifyingBody>
{
    public void Configure(EntityTypeBuilder<CertifyingBody> builder)
    {
        builder.Property(b => b.Slug).HasMaxLength(60);
        builder.HasIndex(b => b.Slug).IsUnique();
        builder.Property(b => b.Name).HasMaxLength(200);
        builder.HasMany(b => b.Members).WithOne(m => m.CertifyingBody).HasForeignKey(m => m.CertifyingBodyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BodyMembershipConfiguration : IEntityTypeConfiguration<BodyMembership>
{
    public void Configure(EntityTypeBuilder<BodyMembership> builder)
    {
        builder.HasIndex(m => new { m.CertifyingBodyId, m.UserId, m.Role }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
