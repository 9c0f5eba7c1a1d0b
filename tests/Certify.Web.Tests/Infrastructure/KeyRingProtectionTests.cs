using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Certify.Web.Features.Distinctives;
using Certify.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Infrastructure;

/// <summary>
/// The Data Protection key ring sits in the database encrypted with a certificate kept outside it: a copy of the
/// database alone does not give up any body's private signing key.
/// </summary>
public sealed class KeyRingProtectionTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("certify-keyring-").FullName;

    [Fact]
    public async Task DatabaseAlone_KeyRingIsEncrypted_AndNoSigningKeyCanBeUnprotected()
    {
        // What a dump of the database holds: the key ring's rows and the protected signing keys, read directly.
        var bodyId = await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);
        (await factory.Services.GetRequiredService<SigningKeyStore>().CurrentAsync(bodyId, CancellationToken.None)).Dispose();
        var keyRing = await factory.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());
        var protectedKeys = await factory.WithDbAsync(db => db.SigningKeys.AsNoTracking().Select(k => k.ProtectedPrivateKey).ToListAsync());

        Assert.NotEmpty(keyRing);
        Assert.All(keyRing, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
        Assert.NotEmpty(protectedKeys);
        var withoutCertificate = Protector(new KeyRing(keyRing), certificate: null);
        Assert.All(protectedKeys, key => Assert.ThrowsAny<CryptographicException>(() => withoutCertificate.Unprotect(Convert.FromBase64String(key))));

        // The same rows with the certificate give the keys up: what was missing is the certificate, nothing else.
        using var certificate = Certificate();
        var withCertificate = Protector(new KeyRing(keyRing), certificate);
        Assert.All(protectedKeys, key => Assert.NotEmpty(withCertificate.Unprotect(Convert.FromBase64String(key))));
    }

    [Fact]
    public void KeysWrittenBeforeProtection_AreStillRead()
    {
        var keyRing = new KeyRing([]);
        var secret = Protector(keyRing, certificate: null).Protect("antes"u8.ToArray());
        Assert.All(keyRing.Xml, xml => Assert.DoesNotContain("<encryptedSecret", xml, StringComparison.Ordinal));

        using var certificate = Certificate();
        Assert.Equal("antes"u8.ToArray(), Protector(keyRing, certificate).Unprotect(secret));
    }

    [Fact]
    public void GeneratedCertificate_LivesInTheDataFolder_ReadableOnlyByTheApp()
    {
        var paths = factory.Services.GetRequiredService<DataPaths>();
        var file = Path.Combine(paths.Root, KeyRingCertificate.DefaultFile);

        Assert.True(File.Exists(file));
        Assert.StartsWith(factory.DataDirectory, file, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        }

        using var certificate = Certificate();
        Assert.True(certificate.HasPrivateKey);
    }

    [Fact]
    public void ConfiguredFileWithPassword_IsLoaded()
    {
        using var rsa = RSA.Create(2048);
        using var created = new CertificateRequest("CN=Configured", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var file = Path.Combine(_folder, "configured.pfx");
        File.WriteAllBytes(file, created.Export(X509ContentType.Pfx, "clave de prueba"));

        using var loaded = KeyRingCertificate.Load(
            new KeyRingCertificateOptions { Path = file, Password = "clave de prueba" },
            factory.Services.GetRequiredService<DataPaths>());

        Assert.Equal(created.Thumbprint, loaded.Thumbprint);
        Assert.True(loaded.HasPrivateKey);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private X509Certificate2 Certificate() =>
        KeyRingCertificate.Load(new KeyRingCertificateOptions(), factory.Services.GetRequiredService<DataPaths>());

    /// <summary>Data Protection as the app sets it up, on the given key ring rows, with or without the certificate.</summary>
    private static IDataProtector Protector(KeyRing keyRing, X509Certificate2? certificate)
    {
        var services = new ServiceCollection();
        var dataProtection = services.AddDataProtection().SetApplicationName("Certify");
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = keyRing);
        if (certificate is not null)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
        }

        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector(SigningKeyStore.ProtectionPurpose);
    }

    /// <summary>Key ring rows held in memory, as read from the database.</summary>
    private sealed class KeyRing(IEnumerable<string> rows) : IXmlRepository
    {
        private readonly List<string> _rows = [.. rows];

        public IReadOnlyList<string> Xml => _rows;

        public IReadOnlyCollection<XElement> GetAllElements() => [.. _rows.Select(XElement.Parse)];

        public void StoreElement(XElement element, string friendlyName) => _rows.Add(element.ToString(SaveOptions.DisableFormatting));
    }
}
