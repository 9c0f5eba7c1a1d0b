using Certify.Domain.Auditing;

namespace Certify.Domain.Tests.Auditing;

public class AuditChainTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 26, 53, TimeSpan.FromHours(-6));

    [Fact]
    public void Verify_ValidChainOfFive_IsValid()
    {
        var result = AuditChain.Verify(BuildChain(5));

        Assert.Equal(new AuditChainVerification(true, null, null), result);
    }

    [Fact]
    public void Verify_EmptySequence_IsValid()
    {
        Assert.True(AuditChain.Verify([]).IsValid);
    }

    [Fact]
    public void Verify_DetailsAltered_IsBrokenAtThatRow()
    {
        var chain = BuildChain(5);
        chain[2] = chain[2] with { Details = "{\"status\":\"Approved\"}" };

        AssertBrokenAt(chain, chain[2].Id);
    }

    [Fact]
    public void Verify_ActionAltered_IsBrokenAtThatRow()
    {
        var chain = BuildChain(5);
        chain[3] = chain[3] with { Action = "AssessmentRejected" };

        AssertBrokenAt(chain, chain[3].Id);
    }

    [Fact]
    public void Verify_OccurredAtMovedByOneTick_IsBrokenAtThatRow()
    {
        var chain = BuildChain(5);
        chain[1] = chain[1] with { OccurredAt = chain[1].OccurredAt.AddTicks(1) };

        AssertBrokenAt(chain, chain[1].Id);
    }

    [Fact]
    public void Verify_NullUserIdReplacedByEmpty_IsBrokenAtThatRow()
    {
        var chain = BuildChain(5);
        chain[4] = chain[4] with { UserId = string.Empty };

        AssertBrokenAt(chain, chain[4].Id);
    }

    [Fact]
    public void Verify_AlteredRowWithItsHashRecomputed_IsBrokenAtTheNextRow()
    {
        var chain = BuildChain(5);
        var forged = chain[2] with { Details = "forged" };
        chain[2] = forged with { Hash = Rehash(forged) };

        AssertBrokenAt(chain, chain[3].Id);
    }

    [Fact]
    public void Verify_MiddleRowDeleted_IsBrokenAtTheRowAfterTheGap()
    {
        var chain = BuildChain(5);
        chain.RemoveAt(2);

        AssertBrokenAt(chain, chain[2].Id);
    }

    [Fact]
    public void Verify_FirstRowDeleted_IsBrokenAtTheNewFirstRow()
    {
        var chain = BuildChain(5);
        chain.RemoveAt(0);

        AssertBrokenAt(chain, chain[0].Id);
    }

    [Fact]
    public void Verify_TwoRowsSwapped_IsBrokenAtTheFirstMovedRow()
    {
        var chain = BuildChain(5);
        (chain[1], chain[2]) = (chain[2], chain[1]);

        AssertBrokenAt(chain, chain[1].Id);
    }

    [Fact]
    public void Verify_FirstRowNotOnGenesis_IsBrokenAtFirstRow()
    {
        var first = Record(1, "a3f1" + AuditChain.GenesisHash[4..], Start);

        AssertBrokenAt([first], 1);
    }

    // Stored chains depend on the exact encoding; this vector was computed outside .NET (Python hashlib)
    // from the documented encoding, so any change to it fails here before it breaks existing chains.
    [Fact]
    public void ComputeHash_KnownRecord_MatchesTheDocumentedEncoding()
    {
        var hash = AuditChain.ComputeHash(
            AuditChain.GenesisHash, Start, null, "CompanyRegistered", "Company", "42", "{\"rfc\":\"PEÑA800101AB8\"}");

        Assert.Equal("3437b71ef8858e383379f5a30ed749a3c481ea76bc2545c7ae0ebfcdb6eab814", hash);
    }

    [Fact]
    public void ComputeHash_SameInstantInOtherOffset_IsTheSame()
    {
        var inUtc = Start.ToUniversalTime();

        Assert.Equal(
            AuditChain.ComputeHash(AuditChain.GenesisHash, Start, "u1", "A", "E", "1", "d"),
            AuditChain.ComputeHash(AuditChain.GenesisHash, inUtc, "u1", "A", "E", "1", "d"));
    }

    [Fact]
    public void ComputeHash_TextMovedFromOneFieldToTheNext_Differs()
    {
        Assert.NotEqual(
            AuditChain.ComputeHash(AuditChain.GenesisHash, Start, null, "ab", "c", null, null),
            AuditChain.ComputeHash(AuditChain.GenesisHash, Start, null, "a", "bc", null, null));
    }

    [Fact]
    public void ComputeHash_EntityIdNullOrEmpty_Differs()
    {
        Assert.NotEqual(
            AuditChain.ComputeHash(AuditChain.GenesisHash, Start, "u1", "A", "E", null, "d"),
            AuditChain.ComputeHash(AuditChain.GenesisHash, Start, "u1", "A", "E", string.Empty, "d"));
    }

    private static void AssertBrokenAt(IEnumerable<AuditRecord> chain, long id)
    {
        var result = AuditChain.Verify(chain);

        Assert.False(result.IsValid);
        Assert.Equal(id, result.BrokenAtId);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }

    private static List<AuditRecord> BuildChain(int count)
    {
        var chain = new List<AuditRecord>();
        var previousHash = AuditChain.GenesisHash;
        for (var i = 1; i <= count; i++)
        {
            var record = Record(i, previousHash, Start.AddMinutes(i).AddTicks(i));
            chain.Add(record);
            previousHash = record.Hash;
        }

        return chain;
    }

    private static AuditRecord Record(long id, string previousHash, DateTimeOffset occurredAt)
    {
        // Odd rows have no user (system jobs) so that null fields are part of every chain.
        var record = new AuditRecord(
            id,
            occurredAt,
            id % 2 == 0 ? $"user-{id}" : null,
            "AssessmentSubmitted",
            "Assessment",
            id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{{\"step\":{id}}}",
            previousHash,
            Hash: string.Empty);
        return record with { Hash = Rehash(record) };
    }

    private static string Rehash(AuditRecord r) =>
        AuditChain.ComputeHash(r.PreviousHash, r.OccurredAt, r.UserId, r.Action, r.EntityType, r.EntityId, r.Details);
}
