using System.Globalization;
using Certify.Domain.Questionnaires;

namespace Certify.Domain.Tests.Questionnaires;

public class LocalizedTextTests
{
    [Theory]
    [InlineData("en", "Yes")]
    [InlineData("en-US", "Yes")]
    [InlineData("es-MX", "Sí")]
    [InlineData("es", "Sí")]
    [InlineData("fr-FR", "Sí")]
    [InlineData("", "Sí")]
    public void Get_Culture_EnglishOnlyForEnglish(string culture, string expected)
    {
        var text = new LocalizedText("Sí", "Yes");

        Assert.Equal(expected, text.Get(CultureInfo.GetCultureInfo(culture)));
    }
}
