using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portal.Data.Events;
using Portal.Data.Integrations;
using Portal.Data.Model;
using Portal.Data.Sites;

namespace Portal.Data;

/// <summary>
/// The one model. Each database has its derived context (<see cref="SqlitePortalDbContext"/>,
/// <see cref="PostgresPortalDbContext"/>) only so that each has its own migrations (EF Core's documented way);
/// services see this type alone.
/// </summary>
internal abstract class PortalDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Integration> Integrations => Set<Integration>();
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Installation> Installations => Set<Installation>();
    public DbSet<AccessKey> AccessKeys => Set<AccessKey>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<UserSession> Sessions => Set<UserSession>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<ChangeEvent> Events => Set<ChangeEvent>();

    /// <summary>The data-protection key ring, shared by every node so that a cookie made by one opens on all.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no time zone: every timestamp is stored as UTC text (which sorts correctly)
        // and comes back marked as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Integration>(e =>
        {
            e.ToTable("integrations");
            e.Property(x => x.CloudId).HasMaxLength(36);
            e.HasIndex(x => x.CloudId).IsUnique();
            e.Property(x => x.OwnerId).HasMaxLength(200);
            e.Property(x => x.Name).HasMaxLength(IntegrationRules.NameMaxLength * 2);
            e.HasIndex(x => new { x.OwnerId, x.NormalizedName }).IsUnique();
            e.HasIndex(x => new { x.OwnerId, x.CreatedAt, x.Id });
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasMany(x => x.Installations).WithOne(x => x.Integration!)
                .HasForeignKey(x => x.IntegrationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Tenant>(e =>
        {
            e.ToTable("tenants");
            e.Property(x => x.CloudId).HasMaxLength(36);
            e.HasIndex(x => x.CloudId).IsUnique();
            e.Property(x => x.UserId).HasMaxLength(200);
            e.HasIndex(x => x.UserId).IsUnique();
            e.Property(x => x.SandboxOwnerId).HasMaxLength(200);
            e.HasIndex(x => x.SandboxOwnerId).IsUnique();
            e.HasMany(x => x.Sites).WithOne(x => x.Tenant!)
                .HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Site>(e =>
        {
            e.ToTable("sites");
            e.Property(x => x.CloudId).HasMaxLength(36);
            e.HasIndex(x => x.CloudId).IsUnique();
            e.Property(x => x.Name).HasMaxLength(SiteRules.NameMaxLength * 2);
            e.HasIndex(x => new { x.TenantId, x.NormalizedName }).IsUnique();
            e.HasMany(x => x.Installations).WithOne(x => x.Site!)
                .HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Installation>(e =>
        {
            e.ToTable("installations");
            e.Property(x => x.CloudId).HasMaxLength(37);
            e.HasIndex(x => x.CloudId).IsUnique();
            e.HasIndex(x => new { x.IntegrationId, x.SiteId }).IsUnique();
            e.HasIndex(x => new { x.IntegrationId, x.UpdatedAt, x.CreatedAt, x.Id });
            e.HasMany(x => x.AccessKeys).WithOne(x => x.Installation!)
                .HasForeignKey(x => x.InstallationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<AccessKey>(e =>
        {
            e.ToTable("access_keys");
            e.HasIndex(x => x.PublicId).IsUnique();
            e.HasIndex(x => x.Hash).IsUnique();
            e.Property(x => x.LastFour).HasMaxLength(4);
            e.HasIndex(x => new { x.InstallationId, x.CreatedAt, x.Id });
        });
        modelBuilder.Entity<ApiToken>(e =>
        {
            e.ToTable("api_tokens");
            e.HasIndex(x => x.Hash).IsUnique();
            e.HasIndex(x => x.PublicId).IsUnique();
            e.HasIndex(x => new { x.OwnerId, x.CreatedAt });
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
        });
        modelBuilder.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("idempotency_records");
            e.HasIndex(x => new { x.OwnerId, x.Key }).IsUnique();
            e.HasIndex(x => x.CreatedAt);
        });
        modelBuilder.Entity<UserSession>(e =>
        {
            e.ToTable("sessions");
            e.Property(x => x.PublicId).HasMaxLength(24);
            e.HasIndex(x => x.PublicId).IsUnique();
            e.Property(x => x.SecretHash).HasMaxLength(64);
            e.HasIndex(x => x.SecretHash).IsUnique();
            e.Property(x => x.UserId).HasMaxLength(200);
            e.HasIndex(x => new { x.UserId, x.EndedAt });
            e.Property(x => x.DisplayName).HasMaxLength(200);
            e.Property(x => x.Role).HasMaxLength(20);
            e.Property(x => x.Device).HasMaxLength(200);
            e.Property(x => x.ProviderIssuer).HasMaxLength(500);
            e.Property(x => x.ProviderSessionId).HasMaxLength(500);
            e.HasIndex(x => new { x.ProviderIssuer, x.ProviderSessionId });
        });
        modelBuilder.Entity<Person>(e =>
        {
            e.ToTable("people");
            e.HasKey(x => x.UserId);
            e.Property(x => x.UserId).HasMaxLength(200);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Role).HasMaxLength(20);
        });
        modelBuilder.Entity<ChangeEvent>(e =>
        {
            e.ToTable("events");
            e.Property(x => x.OwnerId).HasMaxLength(200);
            e.Property(x => x.TenantUserId).HasMaxLength(200);
            e.Property(x => x.IntegrationId).HasMaxLength(36);
            e.Property(x => x.SubjectKind).HasMaxLength(20);
            e.Property(x => x.SubjectId).HasMaxLength(40);
            e.Property(x => x.Kind).HasMaxLength(40);
            e.Property(x => x.ActorType).HasMaxLength(20);
            e.HasIndex(x => new { x.OwnerId, x.Id });
            e.HasIndex(x => new { x.IntegrationId, x.Id });
            e.HasIndex(x => new { x.TenantUserId, x.Id });
        });
        modelBuilder.Entity<DataProtectionKey>(e => e.ToTable("data_protection_keys"));
    }

    internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
