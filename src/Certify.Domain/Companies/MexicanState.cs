namespace Certify.Domain.Companies;

/// <summary>
/// The 32 federal entities; the values are INEGI's state codes, so they must never be renumbered.
/// </summary>
public enum MexicanState
{
    Aguascalientes = 1,
    BajaCalifornia = 2,
    BajaCaliforniaSur = 3,
    Campeche = 4,
    Coahuila = 5,
    Colima = 6,
    Chiapas = 7,
    Chihuahua = 8,
    CiudadDeMexico = 9,
    Durango = 10,
    Guanajuato = 11,
    Guerrero = 12,
    Hidalgo = 13,
    Jalisco = 14,
    Mexico = 15,
    Michoacan = 16,
    Morelos = 17,
    Nayarit = 18,
    NuevoLeon = 19,
    Oaxaca = 20,
    Puebla = 21,
    Queretaro = 22,
    QuintanaRoo = 23,
    SanLuisPotosi = 24,
    Sinaloa = 25,
    Sonora = 26,
    Tabasco = 27,
    Tamaulipas = 28,
    Tlaxcala = 29,
    Veracruz = 30,
    Yucatan = 31,
    Zacatecas = 32,
}
