using Certify.Domain.Companies;

namespace Certify.Domain.Tests.Companies;

public class MexicanStatesTests
{
    [Fact]
    public void All_Always_HasThe32StatesInInegiOrder()
    {
        Assert.Equal(Enumerable.Range(1, 32), MexicanStates.All.Select(s => (int)s));
    }

    [Fact]
    public void DisplayName_AllStates_Are32DistinctNames()
    {
        var names = MexicanStates.All.Select(MexicanStates.DisplayName).ToList();

        Assert.Equal(32, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.False(string.IsNullOrWhiteSpace(n)));
    }

    [Theory]
    [InlineData(MexicanState.Aguascalientes, 1, "Aguascalientes")]
    [InlineData(MexicanState.Coahuila, 5, "Coahuila de Zaragoza")]
    [InlineData(MexicanState.CiudadDeMexico, 9, "Ciudad de México")]
    [InlineData(MexicanState.Mexico, 15, "Estado de México")]
    [InlineData(MexicanState.Michoacan, 16, "Michoacán de Ocampo")]
    [InlineData(MexicanState.NuevoLeon, 19, "Nuevo León")]
    [InlineData(MexicanState.Queretaro, 22, "Querétaro")]
    [InlineData(MexicanState.SanLuisPotosi, 24, "San Luis Potosí")]
    [InlineData(MexicanState.Veracruz, 30, "Veracruz de Ignacio de la Llave")]
    [InlineData(MexicanState.Yucatan, 31, "Yucatán")]
    [InlineData(MexicanState.Zacatecas, 32, "Zacatecas")]
    public void DisplayName_State_IsOfficialSpanishNameAtInegiCode(MexicanState state, int inegiCode, string name)
    {
        Assert.Equal(inegiCode, (int)state);
        Assert.Equal(name, MexicanStates.DisplayName(state));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void DisplayName_UndefinedValue_Throws(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MexicanStates.DisplayName((MexicanState)value));
    }
}
