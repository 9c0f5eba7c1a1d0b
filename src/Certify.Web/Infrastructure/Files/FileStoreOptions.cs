namespace Certify.Web.Infrastructure.Files;

/// <summary>The "Files" configuration section.</summary>
public sealed class FileStoreOptions
{
    /// <summary>"Local" (a folder, the default) or "AzureBlob".</summary>
    public string Provider { get; set; } = FileStoreSetup.LocalProvider;

    /// <summary>Folder for the local store; may use {DataDirectory}. Must not be under wwwroot.</summary>
    public string LocalRoot { get; set; } = "{DataDirectory}/files";

    public string? AzureConnectionString { get; set; }
    public string AzureContainer { get; set; } = "certify-files";
    public long MaxEvidenceBytes { get; set; } = 10 * 1024 * 1024;
    public int MaxEvidenceFilesPerQuestion { get; set; } = 20;
}
