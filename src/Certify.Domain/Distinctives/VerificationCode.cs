using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Certify.Domain.Distinctives;

/// <summary>Fills <paramref name="destination"/> with random bytes; tests pass a fixed sequence.</summary>
public delegate void RandomSource(Span<byte> destination);

/// <summary>
/// The public verification code of a distinctive: 12 random Crockford Base32 symbols (60 bits from a
/// cryptographic RNG) followed by Crockford's mod-37 check symbol, shown as <c>XXXX-XXXX-XXXX-C</c>.
/// </summary>
/// <remarks>
/// <para>
/// The check symbol is the 60-bit value of the 12 symbols modulo 37, written with Crockford's check alphabet (the
/// 32 data symbols, then <c>*~$=U</c> for 32–36). Because 37 is prime and larger than any difference between two
/// symbols (at most 31), it divides neither a single substitution (d·32^i) nor an adjacent transposition
/// (d·31·32^i), so every one of those typing errors is caught; <c>VerificationCodeTests</c> proves it exhaustively.
/// </para>
/// <para>
/// <see cref="Generate(RandomSource)"/> draws again when the check value would be one of the five symbols
/// (5 cases in 37), so issued codes contain only letters and digits and need no escaping in URLs, QR codes or
/// HTML; that costs log2(37/32) ≈ 0.2 of the 60 bits. <see cref="TryParse"/> still accepts the whole check
/// alphabet, as Crockford defines it.
/// </para>
/// </remarks>
public readonly record struct VerificationCode
{
    /// <summary>Crockford's Base32 alphabet: digits and upper-case letters without I, L, O and U.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Crockford's check alphabet: <see cref="Alphabet"/> followed by the values 32–36.</summary>
    public const string CheckAlphabet = Alphabet + "*~$=U";

    /// <summary>Number of random symbols, before the check symbol.</summary>
    public const int RandomLength = 12;

    /// <summary>Length of <see cref="Value"/>: the random symbols and the check symbol.</summary>
    public const int Length = RandomLength + 1;

    private const int CheckModulus = 37;
    private const ulong SixtyBits = (1UL << (RandomLength * 5)) - 1;

    private VerificationCode(string value) => Value = value;

    /// <summary>The 13 canonical symbols, upper case, without separators (for storage, look-ups and URLs).</summary>
    public string Value { get; }

    /// <summary>A new code from the operating system's cryptographic random number generator.</summary>
    public static VerificationCode Generate() => Generate(RandomNumberGenerator.Fill);

    /// <summary>A new code from <paramref name="random"/>, which is asked for 8 bytes per draw.</summary>
    public static VerificationCode Generate(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        while (true)
        {
            random(bytes);
            var value = BinaryPrimitives.ReadUInt64LittleEndian(bytes) & SixtyBits;
            var symbols = Encode(value);
            var check = CheckValue(symbols);
            if (check < Alphabet.Length)
            {
                return new VerificationCode(symbols + CheckAlphabet[check]);
            }
        }
    }

    /// <summary>
    /// Reads a code as a person typed it: case-insensitive, spaces and hyphens ignored, <c>I</c> and <c>L</c> read
    /// as <c>1</c> and <c>O</c> as <c>0</c> (Crockford's aliases). False when the length, a symbol or the check
    /// symbol is wrong.
    /// </summary>
    public static bool TryParse(string? text, out VerificationCode code)
    {
        code = default;
        if (text is null)
        {
            return false;
        }

        Span<char> symbols = stackalloc char[Length];
        var count = 0;
        foreach (var raw in text)
        {
            if (raw is '-' or ' ')
            {
                continue;
            }

            if (count == Length)
            {
                return false;
            }

            var c = char.ToUpperInvariant(raw) switch
            {
                'I' or 'L' => '1',
                'O' => '0',
                var other => other,
            };
            var allowed = count < RandomLength ? Alphabet : CheckAlphabet;
            if (!allowed.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }

            symbols[count++] = c;
        }

        if (count != Length)
        {
            return false;
        }

        var data = new string(symbols[..RandomLength]);
        if (CheckAlphabet[CheckValue(data)] != symbols[RandomLength])
        {
            return false;
        }

        code = new VerificationCode(new string(symbols));
        return true;
    }

    /// <summary>The code for people: <c>XXXX-XXXX-XXXX-C</c>.</summary>
    public string Format() => Value is null
        ? string.Empty
        : string.Join('-', Value[..4], Value[4..8], Value[8..12], Value[12..]);

    /// <summary>The canonical <see cref="Value"/>.</summary>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Crockford's check value (0–36) of a string of data symbols: its number modulo 37.</summary>
    private static int CheckValue(ReadOnlySpan<char> symbols)
    {
        var remainder = 0;
        foreach (var symbol in symbols)
        {
            remainder = ((remainder * 32) + Alphabet.IndexOf(symbol, StringComparison.Ordinal)) % CheckModulus;
        }

        return remainder;
    }

    private static string Encode(ulong value) => string.Create(RandomLength, value, static (chars, v) =>
    {
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(v & 31)];
            v >>= 5;
        }
    });
}
