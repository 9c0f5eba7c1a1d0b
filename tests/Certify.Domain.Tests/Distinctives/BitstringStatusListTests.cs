using System.Buffers.Text;
using System.IO.Compression;
using Certify.Domain.Distinctives;

namespace Certify.Domain.Tests.Distinctives;

public class BitstringStatusListTests
{
    /// <summary>The <c>encodedList</c> of the specification's examples: 16 KB of zeros.</summary>
    private const string SpecExampleEncodedList = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA";

    [Fact]
    public void Constructor_Default_SpecMinimumAllClear()
    {
        var list = new BitstringStatusList();

        Assert.Equal(131_072, list.Length);
        Assert.Equal(16_384, list.ToArray().Length);
        Assert.All(list.ToArray(), b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData(131_064)]
    [InlineData(131_073)]
    public void Constructor_TooShortOrNotWholeBytes_Throws(int length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BitstringStatusList(length));
    }

    [Fact]
    public void Set_IndexZero_MostSignificantBitOfFirstByte()
    {
        var list = new BitstringStatusList();

        list.Set(0, true);
        list.Set(9, true);
        list.Set(131_071, true);

        var bytes = list.ToArray();
        Assert.Equal(0b1000_0000, bytes[0]);
        Assert.Equal(0b0100_0000, bytes[1]);
        Assert.Equal(0b0000_0001, bytes[^1]);
    }

    [Fact]
    public void Set_ClearAfterSet_OnlyThatBitCleared()
    {
        var list = new BitstringStatusList();
        list.Set(3, true);
        list.Set(4, true);

        list.Set(3, false);

        Assert.False(list.Get(3));
        Assert.True(list.Get(4));
        Assert.False(list.Get(5));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(131_072)]
    public void Get_OutOfRange_Throws(int index)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BitstringStatusList().Get(index));
    }

    [Fact]
    public void Decode_SpecExample_AllClearMinimumList()
    {
        var list = BitstringStatusList.Decode(SpecExampleEncodedList);

        Assert.Equal(131_072, list.Length);
        Assert.All(list.ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Encode_Always_MultibaseBase64UrlOfGzip()
    {
        var list = new BitstringStatusList();
        list.Set(42, true);

        var encoded = list.Encode();

        Assert.StartsWith("u", encoded, StringComparison.Ordinal);
        Assert.DoesNotContain('=', encoded);
        Assert.DoesNotContain('+', encoded);
        Assert.DoesNotContain('/', encoded);
        var gzip = Base64Url.DecodeFromChars(encoded.AsSpan(1));
        Assert.Equal([0x1F, 0x8B], gzip[..2]);
        using var inflated = new MemoryStream();
        using (var stream = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress))
        {
            stream.CopyTo(inflated);
        }

        Assert.Equal(list.ToArray(), inflated.ToArray());
    }

    [Fact]
    public void Encode_EmptyMinimumList_Compact()
    {
        Assert.True(new BitstringStatusList().Encode().Length < 100);
    }

    [Fact]
    public void Decode_Encoded_RoundTrips()
    {
        var list = new BitstringStatusList(262_144);
        var random = new Random(5);
        var indices = Enumerable.Range(0, 200).Select(_ => random.Next(list.Length)).ToHashSet();
        foreach (var index in indices)
        {
            list.Set(index, true);
        }

        var decoded = BitstringStatusList.Decode(list.Encode());

        Assert.Equal(262_144, decoded.Length);
        Assert.Equal(list.ToArray(), decoded.ToArray());
        Assert.All(indices, i => Assert.True(decoded.Get(i)));
    }

    [Fact]
    public void FromBytes_StoredBitstring_SameBits()
    {
        var list = new BitstringStatusList();
        list.Set(7, true);

        var copy = BitstringStatusList.FromBytes(list.ToArray());

        Assert.True(copy.Get(7));
        Assert.Throws<ArgumentException>(() => BitstringStatusList.FromBytes(new byte[100]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA")] // no multibase prefix
    [InlineData("z3yMApqCuCjXDWPrbjfR5mjCPTHqFG8Pux1TxQrEM35jj")] // base58btc, not base64url
    [InlineData("u!!!!")]
    [InlineData("uAAAAAAAAAAAAAAA")] // not GZIP
    public void Decode_NotAnEncodedList_FormatException(string encoded)
    {
        Assert.Throws<FormatException>(() => BitstringStatusList.Decode(encoded));
    }

    [Fact]
    public void Decode_ShorterThanTheMinimum_FormatException()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(new byte[1024]);
        }

        var encoded = "u" + Base64Url.EncodeToString(compressed.ToArray());

        Assert.Throws<FormatException>(() => BitstringStatusList.Decode(encoded));
    }
}
