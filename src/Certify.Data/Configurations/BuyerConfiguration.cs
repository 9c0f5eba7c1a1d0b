using Certify.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Certify.Data.Configurations;

internal sealed class BuyerConfiguration : IEntityTypeConfiguration<Buyer>
{
    public void Configure(EntityTypeBuilder<Buyer> builder) => builder.Property(b => b.Name).HasMaxLength(200);
}

internal sealed class BuyerMembershipConfiguration : IEntityTypeConfiguration<BuyerMembership>
{
    public void Configure(EntityTypeBuilder<BuyerMembership> builder)
    {
        builder.HasOne(m => m.Buyer).WithMany(b => b.Members).HasForeignKey(m => m.BuyerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.BuyerId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.AlertMode).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class WatchedSupplierConfiguration : IEntityTypeConfiguration<WatchedSupplier>
{
    public void Configure(EntityTypeBuilder<WatchedSupplier> builder)
    {
        builder.HasOne(w => w.Buyer).WithMany().HasForeignKey(w => w.BuyerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(w => new { w.BuyerId, w.Rfc }).IsUnique();
        builder.HasIndex(w => w.Rfc);
        builder.Property(w => w.Rfc).HasMaxLength(13);
        builder.Property(w => w.AddedByUserId).HasMaxLength(450);
    }
}

internal sealed class DistinctiveEventConfiguration : IEntityTypeConfiguration<DistinctiveEvent>
{
    public void Configure(EntityTypeBuilder<DistinctiveEvent> builder)
    {
        builder.HasOne(e => e.Distinctive).WithMany().HasForeignKey(e => e.DistinctiveId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.DedupeKey).IsUnique();
        builder.HasIndex(e => e.FannedOutAt);
        builder.HasIndex(e => new { e.Rfc, e.OccurredAt });
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Rfc).HasMaxLength(13);
        builder.Property(e => e.DedupeKey).HasMaxLength(80);
    }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.HasOne(w => w.Buyer).WithMany().HasForeignKey(w => w.BuyerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(w => w.BuyerId);
        builder.Property(w => w.Url).HasMaxLength(2000);
        builder.Property(w => w.SecretCipher).HasMaxLength(1000);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.HasOne(d => d.WebhookEndpoint).WithMany().HasForeignKey(d => d.WebhookEndpointId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.MessageId).IsUnique();
        builder.HasIndex(d => new { d.WebhookEndpointId, d.CreatedAt });
        builder.Property(d => d.MessageId).HasMaxLength(80);
        builder.Property(d => d.EventType).HasMaxLength(40);
        builder.Property(d => d.Error).HasMaxLength(500);
        builder.Property(d => d.ResponseBody).HasMaxLength(1024);
    }
}

internal sealed class BuyerApiKeyConfiguration : IEntityTypeConfiguration<BuyerApiKey>
{
    public void Configure(EntityTypeBuilder<BuyerApiKey> builder)
    {
        builder.HasOne(k => k.Buyer).WithMany().HasForeignKey(k => k.BuyerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.HasIndex(k => k.BuyerId);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.Hash).HasMaxLength(64);
        builder.Property(k => k.CreatedByUserId).HasMaxLength(450);
    }
}
