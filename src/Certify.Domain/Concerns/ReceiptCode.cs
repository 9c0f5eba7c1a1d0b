using System.Security.Cryptography;
using Certify.Domain.Distinctives;

namespace Certify.Domain.Concerns;

/// <summary>
/// What a reporter keeps instead of an identity: <c>LLLLLL-SSSS-SSSS-SSSS-SSSS-SSSS</c> in Crockford Base32, a
/// 6-symbol lookup id (30 bits, stored in clear so the concern is found without a scan) and a 20-symbol secret
/// (100 bits from a cryptographic RNG, stored only as a slow hash). Parsing forgives case, spaces, dashes and the
/// letters Crockford reads as digits (O → 0, I and L → 1).
/// </summary>
public readonly record struct ReceiptCode(string LookupId, string Secret)
{
    public const int LookupLength = 6;
    public const int SecretLength = 20;

    public static ReceiptCode Generate(RandomSource? random = null)
    {
        var fill = random ?? RandomNumberGenerator.Fill;
        return new ReceiptCode(Symbols(LookupLength, fill), Symbols(SecretLength, fill));
    }

    public static bool TryParse(string? text, out ReceiptCode code)
    {
        code = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 80)
        {
            return false;
        }

        var symbols = new List<char>(LookupLength + SecretLength);
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            var normal = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (!VerificationCode.Alphabet.Contains(normal, StringComparison.Ordinal))
            {
                return false;
            }

            symbols.Add(normal);
        }

        if (symbols.Count != LookupLength + SecretLength)
        {
            return false;
        }

        var all = new string([.. symbols]);
        code = new ReceiptCode(all[..LookupLength], all[LookupLength..]);
        return true;
    }

    /// <summary>The code as the reporter is shown it, in groups of four after the lookup id.</summary>
    public string Format()
    {
        var secret = Secret;
        return LookupId + "-" + string.Join("-", Enumerable.Range(0, SecretLength / 4).Select(i => secret.Substring(i * 4, 4)));
    }

    public override string ToString() => Format();

    private static string Symbols(int count, RandomSource fill)
    {
        Span<byte> bytes = stackalloc byte[count];
        fill(bytes);
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = VerificationCode.Alphabet[bytes[i] & 31];
        }

        return new string(chars);
    }
}
