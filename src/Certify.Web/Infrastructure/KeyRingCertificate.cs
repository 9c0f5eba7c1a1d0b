using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Certify.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Certify.Web.Infrastructure;

/// <summary>
/// Where the certificate that encrypts the Data Protection key ring comes from (<c>DataProtection:Certificate</c>):
/// a PFX file (<c>Path</c> + <c>Password</c>), or a certificate in the machine's or user's store (<c>Thumbprint</c>).
/// With neither, a self-signed certificate is generated once under the data folder.
/// </summary>
public sealed class KeyRingCertificateOptions
{
    public string? Path { get; set; }
    public string? Password { get; set; }
    public string? Thumbprint { get; set; }
}

/// <summary>
/// The key ring lives in the database, so a dump of the database alone must not be enough to read it: every key is
/// written encrypted with a certificate kept outside the database. Keys written before this protection existed are
/// stored in the clear and are still read. Every node of a cluster must use the same certificate.
/// </summary>
public static class KeyRingCertificate
{
    /// <summary>The certificate generated on first run when none is configured, relative to the data folder.</summary>
    public const string DefaultFile = "keys/data-protection.pfx";

    public static IServiceCollection AddCertifyDataProtection(this IServiceCollection services, IConfiguration configuration, DataPaths paths)
    {
        var options = configuration.GetSection("DataProtection:Certificate").Get<KeyRingCertificateOptions>() ?? new KeyRingCertificateOptions();
        services.AddDataProtection()
            .SetApplicationName("Certify")
            .PersistKeysToDbContext<CertifyDbContext>()
            .ProtectKeysWithCertificate(Load(options, paths));
        return services;
    }

    public static X509Certificate2 Load(KeyRingCertificateOptions options, DataPaths paths)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paths);
        if (!string.IsNullOrWhiteSpace(options.Thumbprint))
        {
            return FromStore(options.Thumbprint);
        }

        if (!string.IsNullOrWhiteSpace(options.Path))
        {
            return FromFile(System.IO.Path.GetFullPath(paths.Resolve(options.Path), paths.Root), options.Password);
        }

        var path = System.IO.Path.Combine(paths.Root, DefaultFile);
        if (!File.Exists(path))
        {
            CreateSelfSigned(path);
        }

        return FromFile(path, password: null);
    }

    private static X509Certificate2 FromFile(string path, string? password) =>
        X509CertificateLoader.LoadPkcs12FromFile(path, password,
            OperatingSystem.IsWindows() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet);

    private static X509Certificate2 FromStore(string thumbprint)
    {
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            store.Open(OpenFlags.ReadOnly);
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint.Replace(" ", "", StringComparison.Ordinal), validOnly: false);
            if (found.Count > 0 && found[0].HasPrivateKey)
            {
                return found[0];
            }
        }

        throw new InvalidOperationException(
            $"DataProtection:Certificate:Thumbprint {thumbprint} names no certificate with a private key in the CurrentUser or LocalMachine 'My' store.");
    }

    /// <summary>
    /// A self-signed RSA certificate in a PFX that only the app's user can read (the folder 0700, the file 0600 on
    /// Unix; on Windows the data folder's ACL applies).
    /// </summary>
    private static void CreateSelfSigned(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=Certify Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(50));
        var pfx = certificate.Export(X509ContentType.Pfx);

        // Written to a temporary name and moved, so a second process starting at the same moment never reads half a file.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, fileOptions))
        {
            stream.Write(pfx);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
