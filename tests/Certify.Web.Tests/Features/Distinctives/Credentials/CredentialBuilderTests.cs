using System.Text.Json.Nodes;
using Certify.Web.Features.Distinctives.Credentials;

namespace Certify.Web.Tests.Features.Distinctives.Credentials;

public class CredentialBuilderTests
{
    private const string Did = "did:web:certify.example:organismos:capb-demo";

    internal static DistinctiveCredentialData SampleData(string issuerDid) => new(
        Id: new Uri("https://certify.example/verificar/7K3M9QX2TB4W1"),
        IssuerDid: issuerDid,
        IssuerName: "CAPB Demo",
        ValidFrom: new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.FromHours(-6)),
        ValidUntil: new DateTimeOffset(2028, 3, 10, 0, 0, 0, TimeSpan.FromHours(-6)),
        Number: "DRL-AUTO-2026-00042",
        VerificationCode: "7K3M9QX2TB4W1",
        LegalName: "Autopartes del Bajío, S.A. de C.V.",
        Rfc: "ABA010203XY1",
        ProgramCode: "DRL-AUTO",
        ProgramName: "Distintivo de Responsabilidad Laboral — Automotriz",
        Level: "A",
        Topics: ["Seguridad social", "Jornada laboral"],
        CriteriaUrl: new Uri("https://certify.example/programas/DRL-AUTO"),
        Revocation: new StatusListSlot(new Uri("https://certify.example/organismos/capb-demo/estado/revocacion"), 94_567),
        Suspension: new StatusListSlot(new Uri("https://certify.example/organismos/capb-demo/estado/suspension"), 94_567));

    [Fact]
    public void Distinctive_Always_VcDataModel2Envelope()
    {
        var vc = CredentialBuilder.Distinctive(SampleData(Did));

        Assert.Equal("https://www.w3.org/ns/credentials/v2", (string?)vc["@context"]![0]);
        Assert.Equal("https://certify.example/verificar/7K3M9QX2TB4W1", (string?)vc["id"]);
        Assert.Equal(["VerifiableCredential", "DistinctiveCredential"], vc["type"]!.AsArray().Select(t => (string?)t));
        Assert.Equal(Did, (string?)vc["issuer"]!["id"]);
        Assert.Equal("CAPB Demo", (string?)vc["issuer"]!["name"]);
        Assert.Equal("2026-03-10T06:00:00Z", (string?)vc["validFrom"]);
        Assert.Equal("2028-03-10T06:00:00Z", (string?)vc["validUntil"]);
        Assert.Null(vc["vc"]);
        Assert.Null(vc["proof"]);
    }

    [Fact]
    public void Distinctive_Subject_CompanyAndAchievement()
    {
        var subject = CredentialBuilder.Distinctive(SampleData(Did))["credentialSubject"]!;

        Assert.Equal("Autopartes del Bajío, S.A. de C.V.", (string?)subject["legalName"]);
        Assert.Equal("ABA010203XY1", (string?)subject["rfc"]);
        Assert.Null(subject["id"]);
        var achievement = subject["achievement"]!;
        Assert.Equal("DRL-AUTO", (string?)achievement["program"]!["code"]);
        Assert.Equal("A", (string?)achievement["level"]);
        Assert.Equal("DRL-AUTO-2026-00042", (string?)achievement["number"]);
        Assert.Equal(["Seguridad social", "Jornada laboral"], achievement["topics"]!.AsArray().Select(t => (string?)t));
        Assert.Equal("https://certify.example/programas/DRL-AUTO", (string?)achievement["criteria"]!["id"]);
    }

    [Fact]
    public void Distinctive_Status_RevocationAndSuspensionEntriesWithStringIndex()
    {
        var status = CredentialBuilder.Distinctive(SampleData(Did))["credentialStatus"]!.AsArray();

        Assert.Equal(2, status.Count);
        Assert.Equal(["revocation", "suspension"], status.Select(s => (string?)s!["statusPurpose"]));
        foreach (var entry in status)
        {
            Assert.Equal("BitstringStatusListEntry", (string?)entry!["type"]);
            Assert.Equal(System.Text.Json.JsonValueKind.String, entry["statusListIndex"]!.GetValueKind());
            Assert.Equal("94567", (string?)entry["statusListIndex"]);
            Assert.EndsWith("#94567", (string?)entry["id"], StringComparison.Ordinal);
        }

        Assert.Equal("https://certify.example/organismos/capb-demo/estado/revocacion", (string?)status[0]!["statusListCredential"]);
        Assert.Equal("https://certify.example/organismos/capb-demo/estado/suspension", (string?)status[1]!["statusListCredential"]);
    }

    [Fact]
    public void Distinctive_UntilNotAfterFrom_Throws()
    {
        var data = SampleData(Did) with { ValidUntil = SampleData(Did).ValidFrom };

        Assert.Throws<ArgumentException>(() => CredentialBuilder.Distinctive(data));
    }

    [Fact]
    public void StatusList_Always_BitstringStatusListCredential()
    {
        var url = new Uri("https://certify.example/organismos/capb-demo/estado/suspension");

        var vc = CredentialBuilder.StatusList(url, Did, "CAPB Demo", "suspension", "uH4sI", new DateTimeOffset(2026, 5, 1, 12, 0, 0, 500, TimeSpan.Zero));

        Assert.Equal(["VerifiableCredential", "BitstringStatusListCredential"], vc["type"]!.AsArray().Select(t => (string?)t));
        Assert.Equal(url.AbsoluteUri, (string?)vc["id"]);
        Assert.Equal("2026-05-01T12:00:00Z", (string?)vc["validFrom"]);
        var subject = vc["credentialSubject"]!;
        Assert.Equal("BitstringStatusList", (string?)subject["type"]);
        Assert.Equal("suspension", (string?)subject["statusPurpose"]);
        Assert.Equal("uH4sI", (string?)subject["encodedList"]);
        Assert.Equal(url.AbsoluteUri + "#list", (string?)subject["id"]);
    }

    [Fact]
    public void Timestamp_OffsetInstant_UtcWholeSeconds()
    {
        Assert.Equal("2026-03-10T06:00:00Z", CredentialBuilder.Timestamp(new DateTimeOffset(2026, 3, 10, 0, 0, 0, 999, TimeSpan.FromHours(-6))));
    }

    [Fact]
    public void Distinctive_SerializedForSigning_KeepsAccentsReadable()
    {
        var json = CredentialBuilder.Distinctive(SampleData(Did)).ToJsonString(Es256Jws.PayloadJsonOptions);

        Assert.Contains("Bajío", json, StringComparison.Ordinal);
        Assert.Contains("Automotriz", json, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(CredentialBuilder.Distinctive(SampleData(Did)), JsonNode.Parse(json)));
    }
}
