using Certify.Domain.Questionnaires;

namespace Certify.Domain.Tests.Questionnaires;

public class GlossaryTests
{
    [Fact]
    public void FoundIn_Text_FindsWholeTermsOnceInGlossaryOrder()
    {
        var found = Glossary.FoundIn("Acuses del SISUB y del ICSOE ante el IMSS; otra vez el ICSOE.", "LFT arts. 12–13");

        Assert.Equal(["ICSOE", "IMSS", "LFT", "SISUB"], found.Select(t => t.Term));
    }

    [Fact]
    public void FoundIn_TermInsideAnotherWordOrCode_IsNotFound()
    {
        Assert.Empty(Glossary.FoundIn("Resultado SATISFACTORIO", "PTUS", "DC-30"));
        Assert.Equal(["NOM-035"], Glossary.FoundIn("NOM-035-STPS-2018").Select(t => t.Term));
    }

    [Fact]
    public void FoundIn_UsmcaAndTheMechanismByName_MapToTheirEntries()
    {
        var found = Glossary.FoundIn("T-MEC (USMCA) Anexo 31-A", "the Rapid Response Labour Mechanism");

        Assert.Equal(["MLRR", "T-MEC"], found.Select(t => t.Term));
    }

    [Fact]
    public void Terms_EveryEntry_HasBothLanguagesAndAUniqueAnchor()
    {
        Assert.All(Glossary.Terms, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.Name.Es) || string.IsNullOrWhiteSpace(t.Name.En));
            Assert.False(string.IsNullOrWhiteSpace(t.Meaning.Es) || string.IsNullOrWhiteSpace(t.Meaning.En));
        });
        Assert.Equal(Glossary.Terms.Count, Glossary.Terms.Select(t => t.Anchor).Distinct().Count());
        Assert.Equal("nom-035", Glossary.Find("NOM-035")!.Anchor);
    }
}
