using Certify.Web.Features.Registry;

namespace Certify.Web.Tests.Features.Registry;

public sealed class RegistryCsvTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("Forjas León", "Forjas León")]
    [InlineData("Forjas León, S.A. de C.V.", "\"Forjas León, S.A. de C.V.\"")]
    [InlineData("La \"Buena\" Forja", "\"La \"\"Buena\"\" Forja\"")]
    [InlineData("Dos\nlíneas", "\"Dos\nlíneas\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+52 477", "'+52 477")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("a=b", "a=b")]
    public void Field_Value_IsQuotedAndNeutralised(string? value, string expected) =>
        Assert.Equal(expected, RegistryCsv.Field(value));

    [Fact]
    public async Task WriteRecord_Fields_JoinedByCommasAndEndedByCrLf()
    {
        await using var writer = new StringWriter();

        await RegistryCsv.WriteRecordAsync(writer, ["a", "b, c", null]);

        Assert.Equal("a,\"b, c\",\r\n", writer.ToString());
    }
}
