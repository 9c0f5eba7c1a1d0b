using System.Collections;
using System.Globalization;
using System.Resources;

namespace Certify.Web.Tests.Resources;

/// <summary>
/// Every Spanish text of the app speaks to the reader as tú, as the questionnaire does (third-person "su" stays: the
/// audit trail says what someone did to their own account).
/// </summary>
public sealed class SpanishVoiceTests
{
    private static readonly string[] UstedForms =
    [
        "usted", "Marque", "Responda", "Verifique", "Pida", "Revise", "Anote", "Ingrese", "Seleccione", "Escriba",
        "Adjunte", "Descargue", "Confirme", "Intente", "Espere", "Contacte", "Consulte", "Elija", "Haga", "Vuelva",
        "Guarde", "Inicie", "Agregue", "Le enviamos",
    ];

    [Fact]
    public void SpanishResources_NoText_UsesUsted()
    {
        var offending = new List<string>();
        foreach (var marker in typeof(Certify.Web.Resources.Common).Assembly.GetTypes().Where(t => t.Namespace == "Certify.Web.Resources"))
        {
            var set = new ResourceManager(marker).GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false);
            foreach (DictionaryEntry entry in set ?? throw new InvalidOperationException($"{marker.Name} has no Spanish resources"))
            {
                var text = (string)entry.Value!;
                offending.AddRange(UstedForms
                    .Where(form => System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<!\w){form}(?!\w)"))
                    .Select(form => $"{marker.Name}.{entry.Key}: «{form}» in «{text}»"));
            }
        }

        Assert.True(offending.Count == 0, string.Join(Environment.NewLine, offending));
    }
}
