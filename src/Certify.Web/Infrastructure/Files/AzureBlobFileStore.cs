using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Certify.Web.Infrastructure.Files;

/// <summary>Keeps files as private blobs in one container, for instances that share storage.</summary>
public sealed class AzureBlobFileStore(BlobContainerClient container, TimeProvider? clock = null) : IFileStore
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private volatile bool _containerReady;

    public async Task<StoredFile> SaveAsync(Stream content, string extension, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var key = FileKeys.New(extension, _clock.GetUtcNow());
        await EnsureContainerAsync(ct);

        using var hashing = new HashingReadStream(content);
        await container.GetBlobClient(key).UploadAsync(hashing, new BlobUploadOptions
        {
            // Keys are new GUIDs; the condition turns "never overwrites" from an assumption into a guarantee.
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        }, ct);
        return new StoredFile(key, hashing.Sha256, hashing.BytesRead);
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken ct)
    {
        FileKeys.Validate(key);
        try
        {
            // allowModifications: false pins the blob's ETag, so a long download never mixes two versions.
            return await container.GetBlobClient(key).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new FileNotFoundException($"No stored file has the key '{key}'.", key, ex);
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        FileKeys.Validate(key);
        await container.GetBlobClient(key).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct);
    }

    private async Task EnsureContainerAsync(CancellationToken ct)
    {
        // Creating twice in a race is harmless: CreateIfNotExists is idempotent.
        if (!_containerReady)
        {
            await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: ct);
            _containerReady = true;
        }
    }
}
