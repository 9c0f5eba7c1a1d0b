namespace Certify.Web.Infrastructure.Files;

/// <summary>A file as the store keeps it: its generated key, SHA-256 (lower-case hex) and size in bytes.</summary>
public sealed record StoredFile(string Key, string Sha256, long Size);
