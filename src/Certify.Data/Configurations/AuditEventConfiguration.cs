using Certify.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Certify.Data.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(80);
        builder.Property(e => e.EntityType).HasMaxLength(80);
        builder.Property(e => e.EntityId).HasMaxLength(80);
        builder.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
        builder.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
        // Two writers racing for the same predecessor: the second insert fails and is retried on the new head.
        builder.HasIndex(e => e.PreviousHash).IsUnique();
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.HasIndex(e => e.CompanyId);
        builder.HasIndex(e => e.CertifyingBodyId);
        builder.HasIndex(e => e.OccurredAt);
    }
}
