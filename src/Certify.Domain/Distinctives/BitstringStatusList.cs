using System.Buffers.Text;
using System.IO.Compression;

namespace Certify.Domain.Distinctives;

/// <summary>
/// A W3C Bitstring Status List v1.0 (https://www.w3.org/TR/vc-bitstring-status-list/) with one bit per credential:
/// 1 means the credential has the list's status purpose (revoked, or suspended).
/// </summary>
/// <remarks>
/// As the specification requires: the uncompressed bitstring is at least 16 KB (131,072 entries), so that one
/// credential hides among many; index 0 is the left-most bit, i.e. the most significant bit of the first byte; and
/// <c>encodedList</c> is the multibase <c>u</c> prefix followed by base64url without padding of the GZIP-compressed
/// bitstring. An all-zero list of the minimum size compresses to about 40 characters.
/// </remarks>
public sealed class BitstringStatusList
{
    /// <summary>The specification's minimum number of entries (16 KB of bits).</summary>
    public const int MinimumLength = 131_072;

    /// <summary>The multibase prefix for base64url without padding.</summary>
    public const char MultibasePrefix = 'u';

    /// <summary>Largest bitstring <see cref="Decode"/> inflates, so a hostile list cannot exhaust memory (16 MB).</summary>
    public const int MaximumDecodedBytes = 16 * 1024 * 1024;

    private readonly byte[] _bits;

    /// <summary>An all-zero list of <paramref name="length"/> entries, a multiple of 8 and at least <see cref="MinimumLength"/>.</summary>
    public BitstringStatusList(int length = MinimumLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinimumLength);
        if (length % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The length must be a whole number of bytes.");
        }

        _bits = new byte[length / 8];
    }

    private BitstringStatusList(byte[] bits) => _bits = bits;

    /// <summary>Number of entries.</summary>
    public int Length => _bits.Length * 8;

    /// <summary>Whether the entry at <paramref name="index"/> is set.</summary>
    public bool Get(int index)
    {
        CheckIndex(index);
        return (_bits[index >> 3] & Mask(index)) != 0;
    }

    /// <summary>Sets or clears the entry at <paramref name="index"/>.</summary>
    public void Set(int index, bool value)
    {
        CheckIndex(index);
        if (value)
        {
            _bits[index >> 3] |= Mask(index);
        }
        else
        {
            _bits[index >> 3] &= (byte)~Mask(index);
        }
    }

    /// <summary>A copy of the uncompressed bitstring.</summary>
    public byte[] ToArray() => (byte[])_bits.Clone();

    /// <summary>A list over a copy of an uncompressed bitstring (e.g. one stored in the database).</summary>
    public static BitstringStatusList FromBytes(ReadOnlySpan<byte> bitstring)
    {
        if (bitstring.Length * 8 < MinimumLength)
        {
            throw new ArgumentException($"A status list holds at least {MinimumLength} entries.", nameof(bitstring));
        }

        return new BitstringStatusList(bitstring.ToArray());
    }

    /// <summary>The <c>encodedList</c> value: <c>u</c> + base64url (no padding) of the GZIP-compressed bitstring.</summary>
    public string Encode()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(_bits);
        }

        return MultibasePrefix + Base64Url.EncodeToString(compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
    }

    /// <summary>Reads an <c>encodedList</c>; throws <see cref="FormatException"/> when it is not one.</summary>
    public static BitstringStatusList Decode(string encodedList)
    {
        ArgumentNullException.ThrowIfNull(encodedList);
        if (encodedList.Length < 2 || encodedList[0] != MultibasePrefix)
        {
            throw new FormatException("An encoded status list starts with the multibase prefix 'u'.");
        }

        byte[] compressed;
        try
        {
            compressed = Base64Url.DecodeFromChars(encodedList.AsSpan(1));
        }
        catch (FormatException e)
        {
            throw new FormatException("The encoded status list is not base64url.", e);
        }

        using var inflated = new MemoryStream();
        try
        {
            using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            var buffer = new byte[81_920];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (inflated.Length + read > MaximumDecodedBytes)
                {
                    throw new FormatException($"The status list is larger than {MaximumDecodedBytes} bytes.");
                }

                inflated.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException e)
        {
            throw new FormatException("The encoded status list is not GZIP data.", e);
        }

        if (inflated.Length * 8 < MinimumLength)
        {
            throw new FormatException($"A status list holds at least {MinimumLength} entries.");
        }

        return new BitstringStatusList(inflated.ToArray());
    }

    private static byte Mask(int index) => (byte)(0x80 >> (index & 7));

    private void CheckIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
    }
}
