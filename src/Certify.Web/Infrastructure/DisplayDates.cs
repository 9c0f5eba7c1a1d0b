using System.Globalization;

namespace Certify.Web.Infrastructure;

/// <summary>
/// The one format per language for every date and time a person reads — pages, PDFs, e-mails and exports' text.
/// Spanish: "2 de diciembre de 2028" (long), "2 dic 2028" (short); English: "December 2, 2028", "Dec 2, 2028".
/// Times are Mexico City time (<see cref="BodyCalendar"/>), whatever the server's clock zone.
/// </summary>
public static class DisplayDates
{
    private static readonly string[] SpanishMonths =
        ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

    private static readonly string[] SpanishShortMonths =
        ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"];

    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] EnglishShortMonths =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    private static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";

    public static string Long(DateOnly day, CultureInfo culture) => IsEnglish(culture)
        ? $"{EnglishMonths[day.Month - 1]} {day.Day}, {day.Year}"
        : $"{day.Day} de {SpanishMonths[day.Month - 1]} de {day.Year}";

    public static string Short(DateOnly day, CultureInfo culture) => IsEnglish(culture)
        ? $"{EnglishShortMonths[day.Month - 1]} {day.Day}, {day.Year}"
        : $"{day.Day} {SpanishShortMonths[day.Month - 1]} {day.Year}";

    public static string Long(DateOnly day) => Long(day, CultureInfo.CurrentCulture);

    public static string Short(DateOnly day) => Short(day, CultureInfo.CurrentCulture);

    /// <summary>The Mexico City day an instant falls on.</summary>
    public static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(BodyCalendar.Local(instant).DateTime);

    /// <summary>The Mexico City wall-clock time of an instant, "01:42".</summary>
    public static string Time(DateTimeOffset instant) =>
        BodyCalendar.Local(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Long(DateTimeOffset instant, CultureInfo culture) => Long(Day(instant), culture);

    public static string Short(DateTimeOffset instant, CultureInfo culture) => Short(Day(instant), culture);

    public static string Long(DateTimeOffset instant) => Long(Day(instant));

    public static string Short(DateTimeOffset instant) => Short(Day(instant));

    /// <summary>Long date and Mexico City time: "2 de diciembre de 2028, 01:42".</summary>
    public static string LongWithTime(DateTimeOffset instant, CultureInfo culture) => $"{Long(instant, culture)}, {Time(instant)}";

    public static string LongWithTime(DateTimeOffset instant) => LongWithTime(instant, CultureInfo.CurrentCulture);

    /// <summary>Short date and Mexico City time: "2 dic 2028, 01:42".</summary>
    public static string ShortWithTime(DateTimeOffset instant, CultureInfo culture) => $"{Short(instant, culture)}, {Time(instant)}";

    public static string ShortWithTime(DateTimeOffset instant) => ShortWithTime(instant, CultureInfo.CurrentCulture);
}
