using Certify.Domain.Distinctives;
using Certify.Web.Infrastructure;

namespace Certify.Web.Features.Shared;

/// <summary>
/// The public addresses a distinctive and its issuer are known by, from <c>App:PublicUrl</c>: they go into signed
/// credentials and printed certificates, so they never depend on the request that happened to trigger issuance.
/// </summary>
public sealed class DistinctiveUrls(IConfiguration configuration)
{
    /// <summary>The app's public base address, without a trailing slash.</summary>
    public string Base { get; } = PublicUrl.Base(configuration);

    /// <summary>The did:web of a certifying body.</summary>
    public string Did(string bodySlug) => DidWeb.ForCertifyingBody(new Uri(Base + "/"), bodySlug);

    /// <summary>A body's status list credential for <paramref name="purpose"/> (revocation or suspension).</summary>
    public Uri StatusList(string bodySlug, string purpose) => new($"{Base}/organismos/{Uri.EscapeDataString(bodySlug)}/estado/{purpose}");

    /// <summary>The public verification page of a code; also the credential's id and the QR code's target.</summary>
    public string Verify(VerificationCode code) => $"{Base}/verificar/{code.Format()}";

    /// <summary>The live status badge of a code (served by the public API).</summary>
    public string Badge(VerificationCode code) => $"{Base}/badge/{code.Format()}.svg";

    /// <summary>Where a program's criteria are public: the registry filtered by the program.</summary>
    public Uri Criteria(string programCode) => new($"{Base}/registro?programa={Uri.EscapeDataString(programCode)}");
}
