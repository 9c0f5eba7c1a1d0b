namespace Certify.Web.Infrastructure.Files;

/// <summary>
/// Keeps files in a folder (outside wwwroot, so nothing is served without a permission check). A file is written to
/// a temporary name and moved into place once complete, so its key never points at half a file.
/// </summary>
public sealed class LocalFileStore(string root, TimeProvider? clock = null) : IFileStore
{
    private const int BufferSize = 81920;

    // Keys cannot have a segment starting with a dot, so no key ever reaches the unfinished files.
    private const string TempFolder = ".tmp";

    private readonly string _root = Path.GetFullPath(root);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<StoredFile> SaveAsync(Stream content, string extension, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var key = FileKeys.New(extension, _clock.GetUtcNow());
        var path = Path.Combine(_root, key);
        var temp = Path.Combine(Directory.CreateDirectory(Path.Combine(_root, TempFolder)).FullName, Guid.NewGuid().ToString("N"));
        try
        {
            using var hashing = new HashingReadStream(content);
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                await hashing.CopyToAsync(output, BufferSize, ct);

                // On disk before the caller records the key, so a power cut cannot leave a record pointing at nothing.
                output.Flush(flushToDisk: true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(temp, path);
            return new StoredFile(key, hashing.Sha256, hashing.BytesRead);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        ct.ThrowIfCancellationRequested();
        try
        {
            // FileShare.Delete: deleting evidence must not fail because someone is downloading it.
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // Name the key, not the server path.
            return Task.FromException<Stream>(new FileNotFoundException($"No stored file has the key '{key}'.", key, ex));
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        ct.ThrowIfCancellationRequested();
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was ever stored in that month: the file is already absent.
        }

        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        FileKeys.Validate(key);
        return Path.Combine(_root, key);
    }
}
