using Certify.Domain.Distinctives;

namespace Certify.Domain.Tests.Distinctives;

public class DistinctiveNumberTests
{
    [Theory]
    [InlineData("DRL-AUTO", 2026, 42, "DRL-AUTO-2026-00042")]
    [InlineData("DRL-AUTO", 2026, 1, "DRL-AUTO-2026-00001")]
    [InlineData("NOM035", 2027, 99_999, "NOM035-2027-99999")]
    [InlineData("NOM035", 2027, 100_000, "NOM035-2027-100000")]
    public void ToString_Always_ProgramYearAndPaddedSequence(string program, int year, int sequence, string expected)
    {
        Assert.Equal(expected, new DistinctiveNumber(program, year, sequence).ToString());
    }

    [Theory]
    [InlineData("DRL-AUTO-2026-00042", "DRL-AUTO", 2026, 42)]
    [InlineData("A-2026-2026-00001", "A-2026", 2026, 1)]
    [InlineData("NOM035-2027-100000", "NOM035", 2027, 100_000)]
    public void Parse_Canonical_ReadsEveryPart(string text, string program, int year, int sequence)
    {
        var number = DistinctiveNumber.Parse(text);

        Assert.Equal(program, number.ProgramCode);
        Assert.Equal(year, number.Year);
        Assert.Equal(sequence, number.Sequence);
        Assert.Equal(text, number.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("DRL-AUTO-2026-42")] // not padded
    [InlineData("DRL-AUTO-2026-000042")] // padded too far
    [InlineData("DRL-AUTO-2026-00000")] // sequences start at 1
    [InlineData("drl-auto-2026-00042")]
    [InlineData("DRL-AUTO-26-00042")]
    [InlineData("DRL-AUTO-0999-00042")]
    [InlineData("2026-00042")]
    [InlineData("DRL-AUTO-2026-00042 ")]
    public void TryParse_NotCanonical_Rejected(string? text)
    {
        Assert.False(DistinctiveNumber.TryParse(text, out var number));
        Assert.Null(number);
    }

    [Fact]
    public void Parse_NotANumber_Throws()
    {
        Assert.Throws<FormatException>(() => DistinctiveNumber.Parse("nope"));
    }

    [Fact]
    public void Next_AfterHighest_AddsOne()
    {
        Assert.Equal("DRL-AUTO-2026-00001", DistinctiveNumber.Next("DRL-AUTO", 2026, 0).ToString());
        Assert.Equal("DRL-AUTO-2026-00043", DistinctiveNumber.Next("DRL-AUTO", 2026, 42).ToString());
    }

    [Theory]
    [InlineData("drl", 2026, 1)]
    [InlineData("", 2026, 1)]
    [InlineData("DRL", 999, 1)]
    [InlineData("DRL", 2026, 0)]
    public void Constructor_InvalidPart_Throws(string program, int year, int sequence)
    {
        Assert.ThrowsAny<ArgumentException>(() => new DistinctiveNumber(program, year, sequence));
    }

    [Fact]
    public void Equality_SameParts_Equal()
    {
        Assert.Equal(new DistinctiveNumber("DRL-AUTO", 2026, 42), DistinctiveNumber.Parse("DRL-AUTO-2026-00042"));
    }
}
