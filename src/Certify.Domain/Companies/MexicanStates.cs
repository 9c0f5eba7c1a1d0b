namespace Certify.Domain.Companies;

/// <summary>Display names and the ordered list of <see cref="MexicanState"/>.</summary>
public static class MexicanStates
{
    private static readonly Dictionary<MexicanState, string> DisplayNames = new()
    {
        [MexicanState.Aguascalientes] = "Aguascalientes",
        [MexicanState.BajaCalifornia] = "Baja California",
        [MexicanState.BajaCaliforniaSur] = "Baja California Sur",
        [MexicanState.Campeche] = "Campeche",
        [MexicanState.Coahuila] = "Coahuila de Zaragoza",
        [MexicanState.Colima] = "Colima",
        [MexicanState.Chiapas] = "Chiapas",
        [MexicanState.Chihuahua] = "Chihuahua",
        [MexicanState.CiudadDeMexico] = "Ciudad de México",
        [MexicanState.Durango] = "Durango",
        [MexicanState.Guanajuato] = "Guanajuato",
        [MexicanState.Guerrero] = "Guerrero",
        [MexicanState.Hidalgo] = "Hidalgo",
        [MexicanState.Jalisco] = "Jalisco",

        // INEGI's official name is just "México"; the prefix keeps it apart from the country in lists.
        [MexicanState.Mexico] = "Estado de México",
        [MexicanState.Michoacan] = "Michoacán de Ocampo",
        [MexicanState.Morelos] = "Morelos",
        [MexicanState.Nayarit] = "Nayarit",
        [MexicanState.NuevoLeon] = "Nuevo León",
        [MexicanState.Oaxaca] = "Oaxaca",
        [MexicanState.Puebla] = "Puebla",
        [MexicanState.Queretaro] = "Querétaro",
        [MexicanState.QuintanaRoo] = "Quintana Roo",
        [MexicanState.SanLuisPotosi] = "San Luis Potosí",
        [MexicanState.Sinaloa] = "Sinaloa",
        [MexicanState.Sonora] = "Sonora",
        [MexicanState.Tabasco] = "Tabasco",
        [MexicanState.Tamaulipas] = "Tamaulipas",
        [MexicanState.Tlaxcala] = "Tlaxcala",
        [MexicanState.Veracruz] = "Veracruz de Ignacio de la Llave",
        [MexicanState.Yucatan] = "Yucatán",
        [MexicanState.Zacatecas] = "Zacatecas",
    };

    /// <summary>All 32 states in INEGI order (Aguascalientes first, Zacatecas last).</summary>
    public static IReadOnlyList<MexicanState> All { get; } =
        Enum.GetValues<MexicanState>().Order().ToArray().AsReadOnly();

    /// <summary>The official Spanish name, with accents.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> is not a defined state.</exception>
    public static string DisplayName(MexicanState state) =>
        DisplayNames.TryGetValue(state, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(state), state, "Not one of the 32 federal entities.");
}
