namespace Certify.Data.Entities;

/// <summary>
/// A certifying body's P-256 signing key. The private key (PKCS#8) is protected with ASP.NET Core Data Protection;
/// the public key stays published in the body's DID document after rotation, so older credentials still verify.
/// </summary>
public class SigningKey
{
    public int Id { get; set; }
    public int CertifyingBodyId { get; set; }
    public CertifyingBody? CertifyingBody { get; set; }

    /// <summary>RFC 7638 thumbprint of the public JWK; the JWS <c>kid</c> is the DID URL ending in it.</summary>
    public required string Kid { get; set; }

    public required string PublicJwk { get; set; }
    public required string ProtectedPrivateKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when a newer key took over signing; the key is still published.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}
