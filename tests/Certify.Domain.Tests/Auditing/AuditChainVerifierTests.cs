using Certify.Domain.Auditing;

namespace Certify.Domain.Tests.Auditing;

public class AuditChainVerifierTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    [Fact]
    public void Add_ValidChainFedOneRecordAtATime_CountsEveryRecordAndIsValid()
    {
        var verifier = new AuditChainVerifier();

        Assert.All(Chain(7), record => Assert.True(verifier.Add(record)));

        Assert.Equal(7, verifier.Verified);
        Assert.True(verifier.Result.IsValid);
    }

    [Fact]
    public void Add_AfterABrokenRecord_RefusesTheRestAndKeepsTheFirstBreak()
    {
        var chain = Chain(5);
        chain[1] = chain[1] with { Details = "edited" };
        var verifier = new AuditChainVerifier();

        var accepted = chain.Select(verifier.Add).ToList();

        Assert.Equal([true, false, false, false, false], accepted);
        Assert.Equal(1, verifier.Verified);
        Assert.Equal(chain[1].Id, verifier.Result.BrokenAtId);
    }

    [Fact]
    public void Add_RecordsSwappedAcrossTwoPages_IsBrokenAtTheFirstMovedRecord()
    {
        var chain = Chain(6);
        (chain[2], chain[3]) = (chain[3], chain[2]);
        var verifier = new AuditChainVerifier();

        foreach (var page in chain.Chunk(3))
        {
            if (!page.All(verifier.Add))
            {
                break;
            }
        }

        Assert.False(verifier.Result.IsValid);
        Assert.Equal(4, verifier.Result.BrokenAtId);
    }

    private static List<AuditRecord> Chain(int count)
    {
        var chain = new List<AuditRecord>();
        var previous = AuditChain.GenesisHash;
        for (var id = 1; id <= count; id++)
        {
            var at = Start.AddMinutes(id);
            var hash = AuditChain.ComputeHash(previous, at, null, "test", "Test", id.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
            chain.Add(new AuditRecord(id, at, null, "test", "Test", id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, previous, hash));
            previous = hash;
        }

        return chain;
    }
}
