using Certify.Domain.Distinctives;

namespace Certify.Domain.Tests.Distinctives;

public class VerificationCodeTests
{
    private static readonly string[] Samples = [.. Enumerable.Range(1, 6).Select(seed => Seeded(seed).Value)];

    [Fact]
    public void Generate_Always_TwelveSymbolsAndCheckFromTheDataAlphabet()
    {
        for (var seed = 0; seed < 500; seed++)
        {
            var code = Seeded(seed);

            Assert.Equal(VerificationCode.Length, code.Value.Length);
            Assert.All(code.Value, c => Assert.Contains(c, VerificationCode.Alphabet));
            Assert.True(VerificationCode.TryParse(code.Value, out var parsed));
            Assert.Equal(code, parsed);
        }
    }

    [Fact]
    public void Generate_CryptographicSource_DistinctCodes()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => VerificationCode.Generate().Value).ToHashSet();

        Assert.Equal(1000, codes.Count);
    }

    [Fact]
    public void Generate_FixedBytes_UsesTheLowSixtyBitsInSymbolOrder()
    {
        // 1 (little-endian) is twelve symbols "000000000001"; its value mod 37 is 1.
        var code = VerificationCode.Generate(bytes => { bytes.Clear(); bytes[0] = 1; });

        Assert.Equal("0000000000011", code.Value);
    }

    [Fact]
    public void Generate_DrawWithSymbolCheck_DrawsAgain()
    {
        // 32 mod 37 = 32, whose check symbol is '*': that draw is refused and the next one (value 1) kept.
        var draws = new Queue<byte>([32, 1]);
        var asked = 0;
        var code = VerificationCode.Generate(bytes => { asked++; bytes.Clear(); bytes[0] = draws.Dequeue(); });

        Assert.Equal(2, asked);
        Assert.Equal("0000000000011", code.Value);
    }

    [Fact]
    public void Generate_HighBitsOfTheDraw_Ignored()
    {
        var code = VerificationCode.Generate(bytes => { bytes.Clear(); bytes[0] = 1; bytes[7] = 0xF0; });

        Assert.Equal("0000000000011", code.Value);
    }

    [Theory]
    [InlineData("0000000000011", "0000000000011")]
    [InlineData("000000000015" + "0", "0000000000150")] // 37 = 0 mod 37
    [InlineData("000000000014U", "000000000014U")] // 36: Crockford's 'U' check symbol
    [InlineData("000000000010*", "000000000010*")] // 32
    [InlineData("000000000011~", "000000000011~")] // 33
    [InlineData("000000000012$", "000000000012$")] // 34
    [InlineData("000000000013=", "000000000013=")] // 35
    [InlineData("000000000014u", "000000000014U")]
    public void TryParse_CrockfordCheckVectors_Accepted(string text, string canonical)
    {
        Assert.True(VerificationCode.TryParse(text, out var code));
        Assert.Equal(canonical, code.Value);
    }

    [Fact]
    public void Format_Always_GroupsOfFourThenCheck()
    {
        var code = Seeded(7);

        var formatted = code.Format();

        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$", formatted);
        Assert.Equal(code.Value, formatted.Replace("-", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void TryParse_LowerCaseSpacesHyphensAndAliases_Accepted()
    {
        // "01" data symbols are typed with the aliases O (for 0) and I / L (for 1).
        var code = VerificationCode.Generate(bytes => { bytes.Clear(); bytes[0] = 1; });
        var typed = new[] { "0000-0000-0001-1", "oooo oooo oooi i", " 0000 - 0000 - 000l - l ", "OOOOOOOOOOO11" };

        foreach (var text in typed)
        {
            Assert.True(VerificationCode.TryParse(text, out var parsed), text);
            Assert.Equal(code, parsed);
        }
    }

    [Fact]
    public void TryParse_FormattedAndLowerCase_RoundTrips()
    {
        foreach (var sample in Samples)
        {
            Assert.True(VerificationCode.TryParse(sample, out var code));
            Assert.True(VerificationCode.TryParse(code.Format().ToLowerInvariant(), out var again));
            Assert.Equal(code, again);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("000000000001")] // no check symbol
    [InlineData("00000000000111")] // one symbol too many
    [InlineData("0000000000U11")] // U is a check symbol only
    [InlineData("00000000000*1")]
    [InlineData("0000000000011!")]
    [InlineData("0000_0000_0001_1")]
    public void TryParse_Malformed_Rejected(string? text)
    {
        Assert.False(VerificationCode.TryParse(text, out var code));
        Assert.Equal(default, code);
    }

    [Fact]
    public void TryParse_EverySingleSubstitution_Rejected()
    {
        foreach (var sample in Samples)
        {
            for (var position = 0; position < VerificationCode.Length; position++)
            {
                var alphabet = position < VerificationCode.RandomLength ? VerificationCode.Alphabet : VerificationCode.CheckAlphabet;
                foreach (var symbol in alphabet.Where(s => s != sample[position]))
                {
                    var typo = string.Concat(sample.AsSpan(0, position), symbol.ToString(), sample.AsSpan(position + 1));

                    Assert.False(VerificationCode.TryParse(typo, out _), $"{sample} → {typo}");
                }
            }
        }
    }

    [Fact]
    public void TryParse_EveryAdjacentTransposition_Rejected()
    {
        var checkedPairs = 0;
        foreach (var sample in Samples)
        {
            for (var position = 0; position + 1 < VerificationCode.Length; position++)
            {
                if (sample[position] == sample[position + 1])
                {
                    continue;
                }

                var swapped = sample.ToCharArray();
                (swapped[position], swapped[position + 1]) = (swapped[position + 1], swapped[position]);

                Assert.False(VerificationCode.TryParse(new string(swapped), out _), $"{sample} → {new string(swapped)}");
                checkedPairs++;
            }
        }

        Assert.True(checkedPairs > 50);
    }

    [Fact]
    public void TryParse_AllTranspositionsOfEveryDataSymbolPair_Rejected()
    {
        // Exhaustive over symbol pairs and positions: a code of zeros with the pair (a, b) at each adjacent position.
        foreach (var a in VerificationCode.Alphabet)
        {
            foreach (var b in VerificationCode.Alphabet.Where(b => b != a))
            {
                for (var position = 0; position + 1 < VerificationCode.RandomLength; position++)
                {
                    var data = new string('0', position) + a + b + new string('0', VerificationCode.RandomLength - position - 2);
                    var swapped = new string('0', position) + b + a + new string('0', VerificationCode.RandomLength - position - 2);
                    var valid = WithCheck(data);

                    Assert.False(VerificationCode.TryParse(string.Concat(swapped, valid.AsSpan(VerificationCode.RandomLength)), out _));
                }
            }
        }
    }

    [Fact]
    public void Default_FormatAndToString_Empty()
    {
        Assert.Equal(string.Empty, default(VerificationCode).Format());
        Assert.Equal(string.Empty, default(VerificationCode).ToString());
    }

    private static VerificationCode Seeded(int seed)
    {
        var random = new Random(seed);
        return VerificationCode.Generate(bytes => random.NextBytes(bytes));
    }

    private static string WithCheck(string data)
    {
        var match = VerificationCode.CheckAlphabet.Select(c => data + c).Where(candidate => VerificationCode.TryParse(candidate, out _)).ToList();
        return Assert.Single(match);
    }
}
