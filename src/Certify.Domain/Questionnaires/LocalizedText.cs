using System.Globalization;

namespace Certify.Domain.Questionnaires;

/// <summary>A text in Spanish (the primary language) and English.</summary>
public sealed record LocalizedText(string Es, string En)
{
    /// <summary>English when the culture's language is English, Spanish for every other culture.</summary>
    public string Get(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "en" ? En : Es;
    }
}
