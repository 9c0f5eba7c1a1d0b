using Certify.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Certify.Data.Configurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.Property(i => i.InvitedByUserId).HasMaxLength(450);
        builder.Property(i => i.AcceptedByUserId).HasMaxLength(450);
        builder.HasOne(i => i.Company).WithMany().HasForeignKey(i => i.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(i => i.CertifyingBody).WithMany().HasForeignKey(i => i.CertifyingBodyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(i => i.Buyer).WithMany().HasForeignKey(i => i.BuyerId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("CK_Invitations_OneTenant",
            "(\"CompanyId\" IS NOT NULL AND \"CertifyingBodyId\" IS NULL AND \"BuyerId\" IS NULL)"
            + " OR (\"CompanyId\" IS NULL AND \"CertifyingBodyId\" IS NOT NULL AND \"BuyerId\" IS NULL)"
            + " OR (\"CompanyId\" IS NULL AND \"CertifyingBodyId\" IS NULL AND \"BuyerId\" IS NOT NULL)"));
    }
}
