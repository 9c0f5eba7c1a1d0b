using Certify.Domain.Questionnaires;

namespace Certify.Web.Features.Distinctives;

/// <summary>
/// Everything the printed certificate states. <see cref="LastDay"/> is the last day of validity (the credential's
/// validUntil is the start of the following day). <see cref="CredentialJwt"/> is embedded in the PDF so the
/// certificate can be verified offline.
/// </summary>
public sealed record CertificateContent(
    string Number,
    string VerificationCode,
    string LegalName,
    string Rfc,
    LocalizedText ProgramName,
    string LevelCode,
    IReadOnlyList<LocalizedText> Topics,
    DateOnly FirstDay,
    DateOnly LastDay,
    string IssuerName,
    string VerifyUrl,
    string CredentialJwt);

/// <summary>Renders a distinctive's certificate as a PDF (A4, bilingual, fonts embedded, QR code to the verify URL).</summary>
public interface ICertificateRenderer
{
    byte[] Render(CertificateContent content);
}
