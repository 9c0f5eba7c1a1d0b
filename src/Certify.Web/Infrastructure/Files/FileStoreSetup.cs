using Azure.Storage.Blobs;
using Certify.Domain.Evidence;

namespace Certify.Web.Infrastructure.Files;

public static class FileStoreSetup
{
    public const string LocalProvider = "Local";
    public const string AzureBlobProvider = "AzureBlob";

    /// <summary>
    /// Binds the "Files" section to <see cref="FileStoreOptions"/>, registers the <see cref="IFileStore"/> it names
    /// and the <see cref="EvidenceLimits"/> it sets. A bad setting fails here, at start, not on the first upload.
    /// </summary>
    public static IServiceCollection AddCertifyFileStore(this IServiceCollection services, IConfiguration configuration, DataPaths paths)
    {
        var section = configuration.GetSection("Files");
        services.Configure<FileStoreOptions>(section);
        var options = section.Get<FileStoreOptions>() ?? new FileStoreOptions();

        if (options.MaxEvidenceBytes <= 0 || options.MaxEvidenceFilesPerQuestion <= 0)
        {
            throw new InvalidOperationException("Files:MaxEvidenceBytes and Files:MaxEvidenceFilesPerQuestion must be positive.");
        }

        services.AddSingleton(new EvidenceLimits(options.MaxEvidenceBytes, options.MaxEvidenceFilesPerQuestion));

        if (string.Equals(options.Provider, LocalProvider, StringComparison.OrdinalIgnoreCase))
        {
            var root = paths.EnsureDirectory(options.LocalRoot);
            services.AddSingleton<IFileStore>(sp => new LocalFileStore(root, sp.GetService<TimeProvider>()));
        }
        else if (string.Equals(options.Provider, AzureBlobProvider, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = string.IsNullOrWhiteSpace(options.AzureConnectionString)
                ? throw new InvalidOperationException("Files:AzureConnectionString is not set.")
                : options.AzureConnectionString;
            var container = new BlobContainerClient(connectionString, options.AzureContainer);
            services.AddSingleton<IFileStore>(sp => new AzureBlobFileStore(container, sp.GetService<TimeProvider>()));
        }
        else
        {
            throw new InvalidOperationException($"Files:Provider '{options.Provider}' is not supported; use {LocalProvider} or {AzureBlobProvider}.");
        }

        return services;
    }
}
