using Certify.Domain.Buyers;
using Certify.Domain.Companies;

namespace Certify.Domain.Tests.Buyers;

public sealed class SupplierListTests
{
    [Fact]
    public void FromText_ValidLowerCaseSpacesAndHyphens_Normalised()
    {
        var result = SupplierList.FromText("abd150310k49\n pma-180912-r72 \n");

        Assert.Equal(["ABD150310K49", "PMA180912R72"], result.Valid.Select(v => v.Rfc));
        Assert.Equal([1, 2], result.Valid.Select(v => v.Row));
        Assert.Empty(result.Invalid);
    }

    [Fact]
    public void FromText_SeveralPerLine_CommasSemicolonsAndBlankLines()
    {
        var result = SupplierList.FromText("ABD150310K49, PMA180912R72;\n\n\nABD150310K49");

        Assert.Equal(2, result.Valid.Count);
        var duplicate = Assert.Single(result.Duplicates);
        Assert.Equal(new DuplicateSupplierRow(4, "ABD150310K49", 1), duplicate);
    }

    [Fact]
    public void FromRows_InvalidRows_RowNumberTextAndReason()
    {
        var result = SupplierList.FromRows([(1, "RFC"), (2, "ABD150310K49"), (3, "XYZ"), (4, "ABD151310K49"), (5, "XAXX010101000"), (6, ""), (7, "AB#150310K49")]);

        Assert.Equal(["ABD150310K49"], result.Valid.Select(v => v.Rfc));
        Assert.Equal(
            [(3, "XYZ", RfcError.WrongLength), (4, "ABD151310K49", RfcError.InvalidDate), (5, "XAXX010101000", RfcError.GenericRfc), (7, "AB#150310K49", RfcError.InvalidCharacters)],
            result.Invalid.Select(i => (i.Row, i.Text, i.Error)));
    }

    [Fact]
    public void FromRows_HeaderOnlyOnTheFirstRow()
    {
        var result = SupplierList.FromRows([(1, "rfc"), (2, "RFC")]);

        Assert.Empty(result.Valid);
        Assert.Equal([2], result.Invalid.Select(i => i.Row));
    }

    [Fact]
    public void FromRows_BadCheckDigit_Refused()
    {
        var result = SupplierList.FromRows([(1, "ABD150310K48")]);

        Assert.Equal(RfcError.BadCheckDigit, Assert.Single(result.Invalid).Error);
    }

    [Fact]
    public void FromRows_OverTheMaximum_TooManyAndNothingTaken()
    {
        var rows = Enumerable.Range(1, SupplierList.MaxRows + 1).Select(i => (i, "ABD150310K49"));

        var result = SupplierList.FromRows(rows);

        Assert.True(result.TooMany);
        Assert.Empty(result.Valid);
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 2.0)]
    [InlineData(7, 64.0)]
    public void WebhookSchedule_BackOffDoubles(int attempt, double minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), WebhookSchedule.RetryAfter(attempt));

    [Fact]
    public void WebhookSchedule_LastAttempt_NoRetry() => Assert.Null(WebhookSchedule.RetryAfter(WebhookSchedule.MaxAttempts));

    [Theory]
    [InlineData(DistinctiveEventKind.Suspended, "distinctive.suspended")]
    [InlineData(DistinctiveEventKind.Reinstated, "distinctive.reinstated")]
    public void WebhookType_LowerCaseWithPrefix(DistinctiveEventKind kind, string type) => Assert.Equal(type, DistinctiveEvents.WebhookType(kind));
}
