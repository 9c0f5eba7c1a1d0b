using Certify.Domain.Companies;

namespace Certify.Domain.Tests.Companies;

public class RfcTests
{
    // Public RFCs of well-known entities, from /work/shared/domain/rfc.md.
    private static readonly string[] PublicExamples =
        ["SAT970701NN3", "IMS421231I45", "BBA830831LJ2", "CFE370814QI0", "TME840315KT6", "GODE561231GR8"];

    private const string Letters = "ABCDEFGHIJKLMNÑOPQRSTUVWXYZ&";
    private const string Digits = "0123456789";
    private const string HomoclaveCharacters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string CheckDigitCharacters = "0123456789A";

    // The SAT value order of all characters above, used to pick a replacement whose value differs by a little.
    private const string ValueOrder = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ";

    [Theory]
    [InlineData("SAT970701NN3", RfcKind.LegalEntity)]
    [InlineData("IMS421231I45", RfcKind.LegalEntity)]
    [InlineData("BBA830831LJ2", RfcKind.LegalEntity)]
    [InlineData("CFE370814QI0", RfcKind.LegalEntity)]
    [InlineData("TME840315KT6", RfcKind.LegalEntity)]
    [InlineData("GODE561231GR8", RfcKind.Individual)]
    public void Validate_PublicExample_IsValidWithKind(string rfc, RfcKind kind)
    {
        var result = Rfc.Validate(rfc);

        Assert.Equal(new RfcValidationResult(true, rfc, RfcError.None, kind), result);
    }

    // Built with the algorithm by hand to reach the table entries the public examples miss (Ñ, &, check digit 'A').
    [Theory]
    [InlineData("ÑAT970701NN5", RfcKind.LegalEntity)]
    [InlineData("M&S970701NN9", RfcKind.LegalEntity)]
    [InlineData("OÑAT800101AB6", RfcKind.Individual)]
    [InlineData("SAT960229NNA", RfcKind.LegalEntity)]
    public void Validate_ExampleWithEnyeAmpersandOrCheckDigitA_IsValid(string rfc, RfcKind kind)
    {
        var result = Rfc.Validate(rfc);

        Assert.Equal(new RfcValidationResult(true, rfc, RfcError.None, kind), result);
    }

    [Theory]
    [InlineData(" sat970701nn3 ", "SAT970701NN3")]
    [InlineData("gode561231gr8", "GODE561231GR8")]
    [InlineData("\toñat800101ab6\n", "OÑAT800101AB6")]
    public void Validate_LowerCaseWithSurroundingWhitespace_IsValidAndNormalized(string input, string normalized)
    {
        var result = Rfc.Validate(input);

        Assert.True(result.IsValid);
        Assert.Equal(normalized, result.Normalized);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_NullOrBlank_IsEmpty(string? input)
    {
        var result = Rfc.Validate(input);

        Assert.Equal(new RfcValidationResult(false, string.Empty, RfcError.Empty, null), result);
    }

    [Theory]
    [InlineData("SAT970701NN")]
    [InlineData("GODE561231GR8X")]
    [InlineData("S")]
    public void Validate_LengthOtherThan12Or13_IsWrongLength(string input)
    {
        var result = Rfc.Validate(input);

        Assert.Equal(new RfcValidationResult(false, input, RfcError.WrongLength, null), result);
    }

    [Theory]
    [InlineData("SAT 970701NN3")]
    [InlineData("SA 970701NN3")]
    [InlineData("SAT970701N 3")]
    public void Validate_InnerSpace_IsInvalidCharacters(string input)
    {
        var result = Rfc.Validate(input);

        Assert.False(result.IsValid);
        Assert.Equal(RfcError.InvalidCharacters, result.Error);
    }

    [Theory]
    [InlineData("S4T970701NN3")]
    [InlineData("SAT97O701NN3")]
    [InlineData("SAT970701ÑN3")]
    [InlineData("SAT970701&N3")]
    [InlineData("SAT970701NNB")]
    [InlineData("SAT970701NN-")]
    [InlineData("GOD3561231GR8")]
    public void Validate_CharacterNotAllowedAtItsPosition_IsInvalidCharacters(string input)
    {
        var result = Rfc.Validate(input);

        Assert.False(result.IsValid);
        Assert.Equal(RfcError.InvalidCharacters, result.Error);
    }

    [Theory]
    [InlineData("XAXX010101000")]
    [InlineData("XEXX010101000")]
    [InlineData(" xaxx010101000")]
    public void Validate_GenericRfc_IsRefusedAsGeneric(string input)
    {
        var result = Rfc.Validate(input);

        Assert.False(result.IsValid);
        Assert.Equal(RfcError.GenericRfc, result.Error);
    }

    [Theory]
    [InlineData("SAT971301NN3")]
    [InlineData("SAT970001NN3")]
    [InlineData("SAT970230NN3")]
    [InlineData("SAT970100NN3")]
    [InlineData("SAT970132NN3")]
    [InlineData("SAT970431NN3")]
    [InlineData("SAT970229NN2")]
    [InlineData("GODE561301GR8")]
    public void Validate_DateThatDoesNotExist_IsInvalidDate(string input)
    {
        var result = Rfc.Validate(input);

        Assert.False(result.IsValid);
        Assert.Equal(RfcError.InvalidDate, result.Error);
    }

    [Theory]
    [InlineData("SAT960229NNA")]
    [InlineData("SAT000229NN7")]
    public void Validate_February29InLeapYear_IsValid(string input)
    {
        Assert.True(Rfc.Validate(input).IsValid);
    }

    [Theory]
    [InlineData("SAT970701NN4")]
    [InlineData("CFE370814QIA")]
    [InlineData("GODE561231GR9")]
    public void Validate_WrongCheckDigit_IsBadCheckDigit(string input)
    {
        var result = Rfc.Validate(input);

        Assert.False(result.IsValid);
        Assert.Equal(RfcError.BadCheckDigit, result.Error);
    }

    [Theory]
    [InlineData("S4T 70701NN3", RfcError.InvalidCharacters)]
    [InlineData("XAXX011301000", RfcError.InvalidDate)]
    [InlineData("SAT971301NN4", RfcError.InvalidDate)]
    public void Validate_SeveralProblems_ReportsTheFirstInCheckOrder(string input, RfcError error)
    {
        Assert.Equal(error, Rfc.Validate(input).Error);
    }

    [Theory]
    [MemberData(nameof(SingleCharacterChanges))]
    public void Validate_PublicExampleWithOneCharacterChanged_IsInvalid(string mutated)
    {
        Assert.False(Rfc.Validate(mutated).IsValid);
    }

    // A mod-11 check digit cannot see a change at the position weighted 11: the sum moves by a multiple of 11.
    // That is the SAT's algorithm, so such an RFC passes; only the SAT's registry can tell it is not real.
    [Theory]
    [InlineData("SBT970701NN3")]
    [InlineData("GOZE561231GR8")]
    public void Validate_LetterChangedAtPositionWeightedEleven_PassesTheCheckDigit(string mutated)
    {
        Assert.True(Rfc.Validate(mutated).IsValid);
    }

    public static TheoryData<string> SingleCharacterChanges()
    {
        var data = new TheoryData<string>();
        foreach (var example in PublicExamples)
        {
            var weightElevenPosition = example.Length - 11;
            for (var position = 0; position < example.Length; position++)
            {
                if (position != weightElevenPosition)
                {
                    var replacement = NearestOtherAllowed(example[position], AllowedAt(example, position));
                    data.Add(string.Concat(example.AsSpan(0, position), [replacement], example.AsSpan(position + 1)));
                }
            }
        }

        return data;
    }

    private static string AllowedAt(string rfc, int position)
    {
        var nameLength = rfc.Length - 9;
        if (position < nameLength)
        {
            return Letters;
        }

        if (position < nameLength + 6)
        {
            return Digits;
        }

        return position < rfc.Length - 1 ? HomoclaveCharacters : CheckDigitCharacters;
    }

    // The allowed character closest in SAT value: the value moves by 1 or 2, never a multiple of 11,
    // so every position the check digit can see must reject it.
    private static char NearestOtherAllowed(char original, string allowed)
    {
        var originalValue = ValueOrder.IndexOf(original);
        return allowed
            .Where(c => c != original)
            .OrderBy(c => Math.Abs(ValueOrder.IndexOf(c) - originalValue))
            .ThenBy(c => ValueOrder.IndexOf(c))
            .First();
    }
}
