using System.Text.RegularExpressions;

namespace Certify.Domain.Questionnaires;

/// <summary>An acronym or legal term a person outside labour law may not know, spelled out in both languages.</summary>
public sealed record GlossaryTerm(string Term, LocalizedText Name, LocalizedText Meaning)
{
    /// <summary>The fragment id of the term on the glossary page.</summary>
    public string Anchor => Term.ToLowerInvariant().Replace(' ', '-');
}

/// <summary>The terms the questionnaires, findings and distinctives use, and where they appear in a text.</summary>
public static partial class Glossary
{
    public static IReadOnlyList<GlossaryTerm> Terms { get; } =
    [
        Term("CCT", "Contrato colectivo de trabajo", "Collective bargaining agreement",
            "Contrato entre la empresa y un sindicato que fija las condiciones de trabajo; desde 2019 solo vale si la mayoría de los trabajadores lo aprueba con voto personal, libre y secreto.",
            "Agreement between the company and a union that sets working conditions; since 2019 it is valid only if a majority of the workers approve it by personal, free and secret vote."),
        Term("CFCRL", "Centro Federal de Conciliación y Registro Laboral", "Federal Centre for Conciliation and Labour Registration",
            "Organismo público que registra sindicatos y contratos colectivos, verifica las votaciones de los trabajadores y concilia conflictos antes de un juicio.",
            "Public body that registers unions and collective agreements, verifies workers' votes and conciliates disputes before they reach a court."),
        Term("CFDI", "Comprobante Fiscal Digital por Internet", "Digital tax receipt (CFDI)",
            "Factura o recibo electrónico timbrado ante el SAT. Los CFDI de nómina son los recibos de pago de cada trabajador.",
            "Electronic invoice or receipt stamped by the SAT. Payroll CFDI are each worker's pay slips."),
        Term("DC-3", "Constancia de competencias o habilidades laborales", "Certificate of job skills (DC-3)",
            "Formato de la STPS que acredita que una persona recibió una capacitación.",
            "STPS form that certifies that a person completed a training course."),
        Term("DOF", "Diario Oficial de la Federación", "Official Gazette of the Federation",
            "Publicación donde se dan a conocer las leyes, reformas y normas federales; la fecha indica cuándo se publicaron.",
            "Publication where federal laws, reforms and standards are issued; the date says when they were published."),
        Term("ICSOE", "Informativa de Contratos de Servicios u Obras Especializadas", "Report of specialised service contracts (ICSOE)",
            "Informe cuatrimestral que cada proveedor de servicios especializados presenta ante el IMSS con los contratos que tiene con sus clientes.",
            "Four-monthly report that each specialised service provider files with the IMSS listing its contracts with clients."),
        Term("IMSS", "Instituto Mexicano del Seguro Social", "Mexican Social Security Institute",
            "Institución de seguridad social en la que el patrón inscribe a sus trabajadores y paga sus cuotas.",
            "Social security institution where employers register their workers and pay their contributions."),
        Term("INFONAVIT", "Instituto del Fondo Nacional de la Vivienda para los Trabajadores", "National Workers' Housing Fund Institute",
            "Fondo de vivienda al que el patrón aporta por cada trabajador.",
            "Housing fund to which employers contribute for each worker."),
        Term("LFT", "Ley Federal del Trabajo", "Federal Labour Law",
            "La ley que regula las relaciones de trabajo en México; las reformas de 2019 y 2021 cambiaron la negociación colectiva y la subcontratación.",
            "The law that governs employment in Mexico; the 2019 and 2021 reforms changed collective bargaining and outsourcing."),
        Term("LISR", "Ley del Impuesto sobre la Renta", "Income Tax Law",
            "Fija, entre otras cosas, qué pagos a proveedores de servicios especializados se pueden deducir.",
            "Among other things, sets which payments to specialised service providers are deductible."),
        Term("LIVA", "Ley del Impuesto al Valor Agregado", "Value Added Tax Law",
            "Fija cuándo se puede acreditar el IVA pagado a proveedores de servicios especializados.",
            "Sets when VAT paid to specialised service providers can be credited."),
        Term("LSS", "Ley del Seguro Social", "Social Security Law",
            "Ley que regula el IMSS y las obligaciones de los patrones con él, como la presentación del ICSOE.",
            "Law that governs the IMSS and employers' obligations to it, such as filing the ICSOE."),
        Term("MLRR", "Mecanismo Laboral de Respuesta Rápida", "Rapid Response Labour Mechanism",
            "Procedimiento del T-MEC por el que una queja sobre libertad sindical en una planta puede llevar a una revisión y a frenar sus exportaciones.",
            "USMCA procedure under which a complaint about freedom of association at a plant can lead to a review and hold up its exports."),
        Term("NMX-R-025", "Norma Mexicana en Igualdad Laboral y No Discriminación (NMX-R-025-SCFI-2015)", "Mexican Standard on Workplace Equality and Non-discrimination",
            "Norma voluntaria con las prácticas de igualdad que certifican los organismos acreditados; Certify no otorga esa certificación.",
            "Voluntary standard of equality practices certified by accredited bodies; Certify does not grant that certification."),
        Term("NOM-035", "Norma Oficial Mexicana NOM-035-STPS-2018", "Official Mexican Standard NOM-035-STPS-2018",
            "Norma obligatoria para identificar y prevenir los factores de riesgo psicosocial y promover un entorno organizacional favorable.",
            "Mandatory standard to identify and prevent psychosocial risk factors and promote a healthy work environment."),
        Term("PTU", "Participación de los trabajadores en las utilidades", "Workers' profit sharing",
            "Parte de las utilidades de la empresa que se reparte cada año entre los trabajadores.",
            "Share of the company's profits that is distributed among the workers every year."),
        Term("REPSE", "Registro de Prestadoras de Servicios Especializados u Obras Especializadas", "Register of Specialised Service and Works Providers",
            "Padrón de la STPS en el que deben estar las empresas que prestan servicios especializados a otras; el registro dura 3 años.",
            "STPS register that companies providing specialised services to others must be on; registration lasts 3 years."),
        Term("SAT", "Servicio de Administración Tributaria", "Tax Administration Service",
            "La autoridad fiscal de México.",
            "Mexico's tax authority."),
        Term("SISUB", "Sistema de Información de Subcontratación", "Subcontracting information system (SISUB)",
            "Sistema del INFONAVIT donde los proveedores de servicios especializados informan cada cuatro meses sus contratos.",
            "INFONAVIT system where specialised service providers report their contracts every four months."),
        Term("STPS", "Secretaría del Trabajo y Previsión Social", "Ministry of Labour and Social Welfare",
            "La dependencia federal del trabajo: lleva el REPSE, emite las normas oficiales y realiza inspecciones.",
            "The federal labour ministry: it keeps the REPSE, issues the official standards and carries out inspections."),
        Term("T-MEC", "Tratado entre México, Estados Unidos y Canadá", "United States–Mexico–Canada Agreement (USMCA)",
            "Tratado comercial de América del Norte; su capítulo laboral y su Anexo 31-A (el Mecanismo Laboral de Respuesta Rápida) protegen la libertad sindical.",
            "North American trade agreement; its labour chapter and Annex 31-A (the Rapid Response Labour Mechanism) protect freedom of association."),
    ];

    private static readonly Dictionary<string, GlossaryTerm> ByTerm = Terms.ToDictionary(t => t.Term, StringComparer.Ordinal);

    /// <summary>The glossary terms that appear in the given texts, in glossary order.</summary>
    public static IReadOnlyList<GlossaryTerm> FoundIn(params string?[] texts)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            foreach (Match match in TermPattern().Matches(text))
            {
                var term = match.Value == "Mecanismo Laboral de Respuesta Rápida" || match.Value == "Rapid Response Labour Mechanism" ? "MLRR" : match.Value;
                if (term == "USMCA")
                {
                    term = "T-MEC";
                }

                found.Add(term);
            }
        }

        return [.. Terms.Where(t => found.Contains(t.Term))];
    }

    public static GlossaryTerm? Find(string term) => ByTerm.GetValueOrDefault(term);

    private static GlossaryTerm Term(string term, string nameEs, string nameEn, string meaningEs, string meaningEn) =>
        new(term, new LocalizedText(nameEs, nameEn), new LocalizedText(meaningEs, meaningEn));

    // Whole words only, so "SAT" never matches inside "SATISFACTORIO"; NMX and NOM match their full codes' prefixes.
    [GeneratedRegex(@"(?<![\w-])(CCT|CFCRL|CFDI|DC-3|DOF|ICSOE|IMSS|INFONAVIT|LFT|LISR|LIVA|LSS|NMX-R-025|NOM-035|PTU|REPSE|SAT|SISUB|STPS|T-MEC|USMCA|Mecanismo Laboral de Respuesta Rápida|Rapid Response Labour Mechanism)(?![\w])", RegexOptions.CultureInvariant)]
    private static partial Regex TermPattern();
}
