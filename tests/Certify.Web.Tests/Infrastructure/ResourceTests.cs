using System.Text.RegularExpressions;
using System.Xml.Linq;
using Certify.Domain.Companies;
using Certify.Web.Infrastructure;

namespace Certify.Web.Tests.Infrastructure;

/// <summary>
/// The resource files themselves: every Spanish key has its English twin and the other way round, no text is empty,
/// a count shown in words has both its forms, and every RFC example shown to a person passes the app's own check.
/// </summary>
public sealed partial class ResourceTests
{
    private static readonly DirectoryInfo Root = RepositoryFiles.Root();
    private static readonly string ResourceFolder = Path.Combine(Root.FullName, "src", "Certify.Web", "Resources");

    public static TheoryData<string> Neutral()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(ResourceFolder, "*.resx").Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Neutral))]
    public void SpanishAndEnglish_HaveTheSameKeys_NoneEmpty(string file)
    {
        var spanish = Read(Path.Combine(ResourceFolder, file));
        var english = Read(Path.Combine(ResourceFolder, file.Replace(".resx", ".en.resx", StringComparison.Ordinal)));

        Assert.Empty(spanish.Keys.Except(english.Keys).Select(k => $"{file}: {k} has no English text"));
        Assert.Empty(english.Keys.Except(spanish.Keys).Select(k => $"{file}: {k} has no Spanish text"));
        Assert.Empty(spanish.Concat(english).Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{file}: {p.Key} is empty"));
    }

    [Theory]
    [MemberData(nameof(Neutral))]
    public void CountsShownInWords_HaveBothForms(string file)
    {
        var spanish = Read(Path.Combine(ResourceFolder, file));

        var english = Read(Path.Combine(ResourceFolder, file.Replace(".resx", ".en.resx", StringComparison.Ordinal)));

        var orphans = spanish.Keys.Where(k => k.EndsWith(Plural.SingularSuffix, StringComparison.Ordinal) && !spanish.ContainsKey(k[..^3]));
        var hedged = spanish.Concat(english).Where(p => HedgedPlural().IsMatch(p.Value));

        Assert.Empty(orphans.Select(k => $"{file}: {k} has no plural form {k[..^3]}"));
        Assert.Empty(hedged.Select(p => $"{file}: {p.Key} hedges its plural ('{p.Value}'): add a {p.Key}{Plural.SingularSuffix} twin"));
    }

    [Fact]
    public void EveryRfcExample_ShownInResourcesOrPages_PassesTheValidator()
    {
        var sources = Directory.GetFiles(ResourceFolder, "*.resx")
            .Concat(Directory.GetFiles(Path.Combine(Root.FullName, "src", "Certify.Web"), "*.razor", SearchOption.AllDirectories));
        var examples = sources
            .SelectMany(f => RfcExample().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Rfc: m.Value)))
            .ToList();

        Assert.NotEmpty(examples);
        Assert.Empty(examples.Where(e => !Rfc.Validate(e.Rfc).IsValid).Select(e => $"{e.File}: {e.Rfc}"));
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    /// <summary>"día(s)", "invitación(es)", "non-conformit(ies)": a count that did not choose its form.</summary>
    [GeneratedRegex(@"\w\((s|es|ies)\)")]
    private static partial Regex HedgedPlural();

    /// <summary>A legal entity's (3 letters) or an individual's (4 letters) RFC: letters, yymmdd, homoclave.</summary>
    [GeneratedRegex(@"\b[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{3}\b")]
    private static partial Regex RfcExample();
}
