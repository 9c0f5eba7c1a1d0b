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
        // Two sealers racing for the same head: the second one's claim fails (Sequence is its concurrency token, so
        // only a row still unsealed can be sealed) and it retries on the new head; the unique indexes refuse a fork.
        builder.Property(e => e.Sequence).IsConcurrencyToken();
        builder.HasIndex(e => e.PreviousHash).IsUnique();
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.HasIndex(e => new { e.EntityType, e.EntityId });
        builder.HasIndex(e => e.CompanyId);
        builder.HasIndex(e => e.CertifyingBodyId);
        builder.HasIndex(e => e.OccurredAt);
    }
}
