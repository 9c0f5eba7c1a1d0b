using Certify.Domain.Reviews;

namespace Certify.Domain.Tests.Reviews;

public class AuditorAssignmentTests
{
    private static readonly HashSet<string> NoMembers = [];

    [Fact]
    public void Choose_SeveralActive_PicksLeastLoaded()
    {
        var chosen = AuditorAssignment.Choose(
            [new AuditorCandidate("ana", true, 4), new AuditorCandidate("beto", true, 1), new AuditorCandidate("carla", true, 2)],
            NoMembers);

        Assert.Equal("beto", chosen?.UserId);
    }

    [Fact]
    public void Choose_LeastLoadedIsCompanyMember_SkipsConflicted()
    {
        var chosen = AuditorAssignment.Choose(
            [new AuditorCandidate("ana", true, 0), new AuditorCandidate("beto", true, 3)],
            new HashSet<string> { "ana" });

        Assert.Equal("beto", chosen?.UserId);
    }

    [Fact]
    public void Choose_LeastLoadedIsInactive_SkipsInactive()
    {
        var chosen = AuditorAssignment.Choose(
            [new AuditorCandidate("ana", false, 0), new AuditorCandidate("beto", true, 5)],
            NoMembers);

        Assert.Equal("beto", chosen?.UserId);
    }

    [Fact]
    public void Choose_EqualLoad_SmallestUserIdByOrdinalInAnyInputOrder()
    {
        AuditorCandidate[] candidates = [new("b-02", true, 1), new("B-03", true, 1), new("a-01", true, 1), new("c", true, 0)];
        AuditorCandidate[] busy = [.. candidates.Where(c => c.UserId != "c")];

        var forward = AuditorAssignment.Choose(busy, NoMembers);
        var backward = AuditorAssignment.Choose(busy.Reverse(), NoMembers);

        // Ordinal: upper-case letters sort before lower-case ones.
        Assert.Equal("B-03", forward?.UserId);
        Assert.Equal(forward, backward);
        Assert.Equal("c", AuditorAssignment.Choose(candidates, NoMembers)?.UserId);
    }

    [Fact]
    public void Choose_NobodyEligible_Null()
    {
        var chosen = AuditorAssignment.Choose(
            [new AuditorCandidate("ana", false, 0), new AuditorCandidate("beto", true, 0)],
            new HashSet<string> { "beto" });

        Assert.Null(chosen);
    }

    [Fact]
    public void Choose_NoCandidates_Null()
    {
        Assert.Null(AuditorAssignment.Choose([], NoMembers));
    }
}
