using System.Security.Cryptography;

namespace Certify.Web.Features.Distinctives.Credentials;

/// <summary>
/// Creates, exports and imports the P-256 signing keys of certifying bodies. The private key travels as PKCS#8
/// bytes, which the caller protects (Data Protection) before storing; the public key as SubjectPublicKeyInfo or
/// as a <see cref="Jwk"/>.
/// </summary>
public static class SigningKeyMaterial
{
    /// <summary>Object identifier of the NIST P-256 curve (secp256r1), the only curve ES256 allows.</summary>
    public const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>A new P-256 key pair. The caller disposes it.</summary>
    public static ECDsa Create() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The private key as unencrypted PKCS#8 DER bytes: protect them before they are stored.</summary>
    public static byte[] ExportPrivateKey(ECDsa key)
    {
        EnsureP256(key);
        return key.ExportPkcs8PrivateKey();
    }

    /// <summary>A key from PKCS#8 DER bytes; throws <see cref="CryptographicException"/> unless it is a P-256 private key.</summary>
    public static ECDsa ImportPrivateKey(ReadOnlySpan<byte> pkcs8)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out var read);
            if (read != pkcs8.Length)
            {
                throw new CryptographicException("Unexpected bytes after the PKCS#8 key.");
            }

            EnsureP256(key);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The public key as SubjectPublicKeyInfo DER bytes.</summary>
    public static byte[] ExportPublicKey(ECDsa key)
    {
        EnsureP256(key);
        return key.ExportSubjectPublicKeyInfo();
    }

    /// <summary>A public key from SubjectPublicKeyInfo DER bytes; throws unless it is a P-256 key.</summary>
    public static ECDsa ImportPublicKey(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            EnsureP256(key);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Throws <see cref="CryptographicException"/> unless <paramref name="key"/> is on P-256.</summary>
    public static void EnsureP256(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!IsP256(key))
        {
            throw new CryptographicException("ES256 needs a P-256 key.");
        }
    }

    internal static bool IsP256(ECDsa key) =>
        key.KeySize == 256 && key.ExportParameters(includePrivateParameters: false).Curve.Oid?.Value == P256Oid;
}
