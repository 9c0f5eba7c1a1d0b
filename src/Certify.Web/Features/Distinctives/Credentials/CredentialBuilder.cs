using System.Globalization;
using System.Text.Json.Nodes;

namespace Certify.Web.Features.Distinctives.Credentials;

/// <summary>Where a credential's bit sits in a status list: the list credential's URL and the bit index.</summary>
public sealed record StatusListSlot(Uri StatusListCredential, int Index);

/// <summary>The facts a distinctive's credential states.</summary>
/// <param name="Id">The credential id: the public verification URL (<c>/verificar/{code}</c>).</param>
/// <param name="IssuerDid">The certifying body's did:web.</param>
/// <param name="IssuerName">The certifying body's name.</param>
/// <param name="ValidFrom">First valid instant.</param>
/// <param name="ValidUntil">First instant without validity (exclusive; see <c>ValidityPeriod</c>).</param>
/// <param name="Number">The human number, e.g. <c>DRL-AUTO-2026-00042</c>.</param>
/// <param name="VerificationCode">The canonical verification code.</param>
/// <param name="LegalName">The company's legal name (razón social).</param>
/// <param name="Rfc">The company's RFC.</param>
/// <param name="ProgramCode">Program code, e.g. <c>DRL-AUTO</c>.</param>
/// <param name="ProgramName">Program name.</param>
/// <param name="Level">Level code, e.g. <c>A</c>.</param>
/// <param name="Topics">Topics the program certifies.</param>
/// <param name="CriteriaUrl">A public page describing the program's criteria.</param>
/// <param name="Revocation">The credential's slot in the body's revocation list.</param>
/// <param name="Suspension">The credential's slot in the body's suspension list.</param>
public sealed record DistinctiveCredentialData(
    Uri Id,
    string IssuerDid,
    string IssuerName,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    string Number,
    string VerificationCode,
    string LegalName,
    string Rfc,
    string ProgramCode,
    string ProgramName,
    string Level,
    IReadOnlyList<string> Topics,
    Uri CriteriaUrl,
    StatusListSlot Revocation,
    StatusListSlot Suspension);

/// <summary>
/// Builds the unsecured credentials (W3C Verifiable Credentials Data Model 2.0) that <see cref="Es256Jws"/> signs: a
/// distinctive's credential and the Bitstring Status List credentials its status points to.
/// </summary>
/// <remarks>
/// Only the base context <c>https://www.w3.org/ns/credentials/v2</c> is used: its <c>@vocab</c> maps the terms it does
/// not define (<c>legalName</c>, <c>rfc</c>, <c>achievement</c>, …) to the issuer-dependent vocabulary, which keeps the
/// credential valid JSON-LD without hosting a context of our own. Instants are written in UTC (<c>Z</c>), whole
/// seconds, as <c>xsd:dateTimeStamp</c> requires a time zone.
/// </remarks>
public static class CredentialBuilder
{
    /// <summary>The VC Data Model 2.0 base context.</summary>
    public const string CredentialsContext = "https://www.w3.org/ns/credentials/v2";

    /// <summary>The credential type of a distinctive, after <c>VerifiableCredential</c>.</summary>
    public const string DistinctiveCredentialType = "DistinctiveCredential";

    /// <summary>Status purpose of the revocation list (final).</summary>
    public const string RevocationPurpose = "revocation";

    /// <summary>Status purpose of the suspension list (reversible).</summary>
    public const string SuspensionPurpose = "suspension";

    /// <summary>The credential of a distinctive.</summary>
    public static JsonObject Distinctive(DistinctiveCredentialData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.ValidUntil <= data.ValidFrom)
        {
            throw new ArgumentException("A credential must be valid before it expires.", nameof(data));
        }

        return new JsonObject
        {
            ["@context"] = new JsonArray(CredentialsContext),
            ["id"] = data.Id.AbsoluteUri,
            ["type"] = new JsonArray("VerifiableCredential", DistinctiveCredentialType),
            ["issuer"] = new JsonObject { ["id"] = data.IssuerDid, ["name"] = data.IssuerName },
            ["name"] = data.ProgramName,
            ["validFrom"] = Timestamp(data.ValidFrom),
            ["validUntil"] = Timestamp(data.ValidUntil),
            ["credentialSubject"] = new JsonObject
            {
                ["type"] = "CertifiedOrganization",
                ["legalName"] = data.LegalName,
                ["rfc"] = data.Rfc,
                ["achievement"] = new JsonObject
                {
                    ["type"] = "Distinctive",
                    ["number"] = data.Number,
                    ["verificationCode"] = data.VerificationCode,
                    ["program"] = new JsonObject { ["code"] = data.ProgramCode, ["name"] = data.ProgramName },
                    ["level"] = data.Level,
                    ["topics"] = new JsonArray([.. data.Topics.Select(t => (JsonNode?)JsonValue.Create(t))]),
                    ["criteria"] = new JsonObject { ["id"] = data.CriteriaUrl.AbsoluteUri },
                },
            },
            ["credentialStatus"] = new JsonArray(
                StatusEntry(RevocationPurpose, data.Revocation),
                StatusEntry(SuspensionPurpose, data.Suspension)),
        };
    }

    /// <summary>
    /// A <c>BitstringStatusListCredential</c> published at <paramref name="listUrl"/>, stating the list as of
    /// <paramref name="validFrom"/>. The subject's id is the list URL with <c>#list</c>, as in the specification's
    /// examples.
    /// </summary>
    public static JsonObject StatusList(Uri listUrl, string issuerDid, string issuerName, string statusPurpose, string encodedList, DateTimeOffset validFrom)
    {
        ArgumentNullException.ThrowIfNull(listUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(issuerDid);
        ArgumentException.ThrowIfNullOrWhiteSpace(statusPurpose);
        ArgumentException.ThrowIfNullOrWhiteSpace(encodedList);
        return new JsonObject
        {
            ["@context"] = new JsonArray(CredentialsContext),
            ["id"] = listUrl.AbsoluteUri,
            ["type"] = new JsonArray("VerifiableCredential", "BitstringStatusListCredential"),
            ["issuer"] = new JsonObject { ["id"] = issuerDid, ["name"] = issuerName },
            ["validFrom"] = Timestamp(validFrom),
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = listUrl.AbsoluteUri + "#list",
                ["type"] = "BitstringStatusList",
                ["statusPurpose"] = statusPurpose,
                ["encodedList"] = encodedList,
            },
        };
    }

    /// <summary>An instant as VC 2.0 writes it: UTC, whole seconds, <c>Z</c>.</summary>
    public static string Timestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A <c>BitstringStatusListEntry</c>. <c>statusListIndex</c> is a string of digits, as the specification requires;
    /// the entry id is the list URL with the index as fragment.
    /// </summary>
    private static JsonObject StatusEntry(string purpose, StatusListSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentOutOfRangeException.ThrowIfNegative(slot.Index);
        var index = slot.Index.ToString(CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["id"] = $"{slot.StatusListCredential.AbsoluteUri}#{index}",
            ["type"] = "BitstringStatusListEntry",
            ["statusPurpose"] = purpose,
            ["statusListIndex"] = index,
            ["statusListCredential"] = slot.StatusListCredential.AbsoluteUri,
        };
    }
}
