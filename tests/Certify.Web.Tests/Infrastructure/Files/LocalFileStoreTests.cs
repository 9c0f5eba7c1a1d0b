using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Certify.Web.Infrastructure.Files;

namespace Certify.Web.Tests.Infrastructure.Files;

public sealed class LocalFileStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 31, 23, 30, 0, TimeSpan.FromHours(-6));

    private readonly string _parent = Directory.CreateTempSubdirectory("certify-files-").FullName;
    private readonly string _root;
    private readonly LocalFileStore _store;

    public LocalFileStoreTests()
    {
        _root = Path.Combine(_parent, "files");
        _store = new LocalFileStore(_root, new FixedClock(Now));
    }

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    [Fact]
    public async Task SaveAsync_Content_StoresUnderGeneratedKeyWithHashAndSize()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);

        var stored = await _store.SaveAsync(new MemoryStream(bytes), ".pdf", CancellationToken.None);

        // 31 March 23:30 at UTC-6 is already April in UTC; the folders follow UTC.
        Assert.Matches(new Regex(@"^2025/04/[0-9a-f]{32}\.pdf\z"), stored.Key);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);
        Assert.Equal(bytes.Length, stored.Size);
        var path = Path.GetFullPath(Path.Combine(_root, stored.Key));
        Assert.StartsWith(_root + Path.DirectorySeparatorChar, path, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task SaveAsync_FromCurrentPosition_StoresTheRest()
    {
        var content = new MemoryStream("skip:kept"u8.ToArray()) { Position = 5 };

        var stored = await _store.SaveAsync(content, ".txt", CancellationToken.None);

        Assert.Equal(4, stored.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("kept"u8)), stored.Sha256);
    }

    [Fact]
    public async Task SaveAsync_SameContentTwice_GetsTwoKeys()
    {
        var first = await _store.SaveAsync(new MemoryStream([1, 2, 3]), ".png", CancellationToken.None);
        var second = await _store.SaveAsync(new MemoryStream([1, 2, 3]), ".png", CancellationToken.None);

        Assert.NotEqual(first.Key, second.Key);
        Assert.Equal(first.Sha256, second.Sha256);
    }

    [Fact]
    public async Task SaveAsync_UpperCaseExtension_KeyIsLowerCase()
    {
        var stored = await _store.SaveAsync(new MemoryStream([1]), ".PDF", CancellationToken.None);

        Assert.EndsWith(".pdf", stored.Key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pdf")]
    [InlineData(".")]
    [InlineData("../../x.pdf")]
    [InlineData(".p/df")]
    [InlineData(".p\\df")]
    [InlineData(".pdf\n")]
    public async Task SaveAsync_InvalidExtension_ThrowsAndStoresNothing(string extension)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.SaveAsync(new MemoryStream([1]), extension, CancellationToken.None));

        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task SaveAsync_ContentFailsMidway_ThrowsAndLeavesNoFile()
    {
        await Assert.ThrowsAsync<IOException>(() => _store.SaveAsync(new FailingStream(), ".pdf", CancellationToken.None));

        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task OpenReadAsync_SavedKey_ReturnsTheBytes()
    {
        var bytes = RandomNumberGenerator.GetBytes(1000);
        var stored = await _store.SaveAsync(new MemoryStream(bytes), ".xlsx", CancellationToken.None);

        await using var read = await _store.OpenReadAsync(stored.Key, CancellationToken.None);
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);

        Assert.Equal(bytes, copy.ToArray());
    }

    [Theory]
    [InlineData("2025/04/0123456789abcdef0123456789abcdef.pdf")]
    [InlineData("1999/01/0123456789abcdef0123456789abcdef.pdf")]
    public async Task OpenReadAsync_UnknownKey_ThrowsFileNotFound(string key)
    {
        await _store.SaveAsync(new MemoryStream([1]), ".pdf", CancellationToken.None);

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => _store.OpenReadAsync(key, CancellationToken.None));

        Assert.Equal(key, error.FileName);
    }

    [Fact]
    public async Task DeleteAsync_SavedKey_RemovesTheFile()
    {
        var stored = await _store.SaveAsync(new MemoryStream([1, 2]), ".docx", CancellationToken.None);

        await _store.DeleteAsync(stored.Key, CancellationToken.None);

        Assert.Empty(StoredFiles());
        await Assert.ThrowsAsync<FileNotFoundException>(() => _store.OpenReadAsync(stored.Key, CancellationToken.None));
    }

    [Theory]
    [InlineData("2025/04/0123456789abcdef0123456789abcdef.pdf")]
    [InlineData("1999/01/0123456789abcdef0123456789abcdef.pdf")]
    public async Task DeleteAsync_UnknownKey_DoesNothing(string key)
    {
        var kept = await _store.SaveAsync(new MemoryStream([1]), ".pdf", CancellationToken.None);

        var error = await Record.ExceptionAsync(() => _store.DeleteAsync(key, CancellationToken.None));

        Assert.Null(error);
        Assert.Equal([kept.Key], StoredFiles());
    }

    [Theory]
    [InlineData("")]
    [InlineData("../victim.pdf")]
    [InlineData("2025/../../victim.pdf")]
    [InlineData("2025/03/../../../victim.pdf")]
    [InlineData("./victim.pdf")]
    [InlineData("/etc/passwd")]
    [InlineData("2025\\03\\x.pdf")]
    [InlineData("..\\victim.pdf")]
    [InlineData("C:/victim.pdf")]
    [InlineData("2025//x.pdf")]
    [InlineData("2025/03/x.pdf/")]
    [InlineData(".tmp/x")]
    [InlineData("2025/03/x.pdf\n")]
    public async Task OpenReadAndDelete_UnsafeKey_ThrowAndTouchNothing(string key)
    {
        var victim = Path.Combine(_parent, "victim.pdf");
        await File.WriteAllBytesAsync(victim, [1, 2, 3]);

        await Assert.ThrowsAsync<ArgumentException>(() => _store.OpenReadAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.DeleteAsync(key, CancellationToken.None));

        Assert.True(File.Exists(victim));
    }

    /// <summary>Every file under the root, as keys ("/"-separated), including unfinished temporary files.</summary>
    private List<string> StoredFiles() => Directory.Exists(_root)
        ? Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .ToList()
        : [];

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }

    /// <summary>Gives some bytes, then fails like a dropped upload.</summary>
    private sealed class FailingStream : Stream
    {
        private bool _gaveBytes;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_gaveBytes)
            {
                throw new IOException("The client went away.");
            }

            _gaveBytes = true;
            buffer.AsSpan(offset, count).Fill(7);
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush()
        {
        }
    }
}
