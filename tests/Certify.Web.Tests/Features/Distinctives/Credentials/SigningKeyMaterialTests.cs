using System.Security.Cryptography;
using Certify.Web.Features.Distinctives.Credentials;

namespace Certify.Web.Tests.Features.Distinctives.Credentials;

public class SigningKeyMaterialTests
{
    [Fact]
    public void ImportPrivateKey_ExportedPkcs8_SameKeySigns()
    {
        using var original = SigningKeyMaterial.Create();
        var pkcs8 = SigningKeyMaterial.ExportPrivateKey(original);

        using var imported = SigningKeyMaterial.ImportPrivateKey(pkcs8);

        Assert.Equal(Jwk.FromKey(original), Jwk.FromKey(imported));
        byte[] data = [1, 2, 3];
        var signature = imported.SignData(data, HashAlgorithmName.SHA256);
        Assert.True(original.VerifyData(data, signature, HashAlgorithmName.SHA256));
    }

    [Fact]
    public void ImportPublicKey_ExportedSpki_VerifiesButCannotSign()
    {
        using var original = SigningKeyMaterial.Create();

        using var publicKey = SigningKeyMaterial.ImportPublicKey(SigningKeyMaterial.ExportPublicKey(original));

        Assert.Equal(Jwk.FromKey(original), Jwk.FromKey(publicKey));
        Assert.ThrowsAny<CryptographicException>(() => publicKey.SignData(new byte[] { 1 }, HashAlgorithmName.SHA256));
    }

    [Fact]
    public void Create_Twice_DifferentKeys()
    {
        using var a = SigningKeyMaterial.Create();
        using var b = SigningKeyMaterial.Create();

        Assert.NotEqual(Jwk.FromKey(a).Thumbprint(), Jwk.FromKey(b).Thumbprint());
    }

    [Fact]
    public void ImportPrivateKey_OtherCurve_Throws()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<CryptographicException>(() => SigningKeyMaterial.ImportPrivateKey(p384.ExportPkcs8PrivateKey()));
    }

    [Fact]
    public void ImportPrivateKey_Garbage_Throws()
    {
        Assert.ThrowsAny<CryptographicException>(() => SigningKeyMaterial.ImportPrivateKey(new byte[] { 1, 2, 3 }));
    }

    [Fact]
    public void ImportPrivateKey_TrailingBytes_Throws()
    {
        using var key = SigningKeyMaterial.Create();

        Assert.Throws<CryptographicException>(() => SigningKeyMaterial.ImportPrivateKey([.. key.ExportPkcs8PrivateKey(), 0]));
    }
}
