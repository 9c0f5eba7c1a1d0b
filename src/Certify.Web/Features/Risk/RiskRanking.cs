using Certify.Domain.Companies;
using Certify.Domain.Risk;

namespace Certify.Web.Features.Risk;

/// <summary>The ranking's filters, read from the query string (<c>programa</c>, <c>entidad</c>, <c>tema</c>); unknown values are ignored.</summary>
public sealed record RiskFilter(string? Program, MexicanState? State, string? Topic)
{
    public static readonly RiskFilter None = new(null, null, null);

    public static RiskFilter FromQuery(string? program, string? state, string? topic) => new(
        string.IsNullOrWhiteSpace(program) ? null : program.Trim(),
        Enum.TryParse<MexicanState>(state, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null,
        string.IsNullOrWhiteSpace(topic) ? null : topic.Trim().ToUpperInvariant());

    public string? QueryString() => Exports.DownloadMenu.QueryOf(("programa", Program), ("entidad", State?.ToString()), ("tema", Topic));
}

public sealed record RiskProgram(int Id, string Code, string Name);

public sealed record RiskTopic(string Code, string Name);

/// <summary>One factor that raises a company's score, in words, with its share of the log-odds.</summary>
public sealed record RiskReason(RiskFactor Factor, string Text, double LogOdds);

/// <summary>
/// A row of the ranking: the company, its program, score, band, model version, the reasons that weigh most (in words)
/// and every factor's contribution (its value and weight × value, in log-odds; the intercept plus these is the score).
/// </summary>
public sealed record RiskRow(
    int CompanyId, string CompanyName, string Rfc, MexicanState State, CompanySize Size, RiskProgram Program,
    int Score, RiskBand Band, int ModelVersion, RiskModelKind ModelKind, IReadOnlyList<RiskReason> Reasons,
    IReadOnlyDictionary<string, int> OpenByTopic)
{
    public IReadOnlyList<RiskContribution> Contributions { get; init; } = [];

    public double Intercept { get; init; }
}

/// <summary>The body's ranking as one user may see it.</summary>
public sealed record RiskRanking(
    string BodyName, IReadOnlyList<RiskProgram> Programs, IReadOnlyList<RiskTopic> Topics, RiskFilter Filter,
    IReadOnlyList<RiskRow> Rows, bool IsProgramAdmin);

/// <summary>One line of a program's model history.</summary>
public sealed record RiskVersionLine(int Version, RiskModelKind Kind, DateTimeOffset TrainedAt, int Observations);

/// <summary>A program's current model with what it was fitted on, its back-test and its recent versions.</summary>
public sealed record RiskProgramModel(
    RiskProgram Program, RiskModel Model, DateTimeOffset? TrainedAt, int Observations, int Positives, RiskBackTestResult? BackTest,
    IReadOnlyList<RiskVersionLine> Versions);

/// <summary>The average score of a group of companies (a size band, a state).</summary>
public sealed record RiskAverage(string Group, int Companies, double Score);

public sealed record RiskModelOverview(
    string BodyName, IReadOnlyList<RiskProgramModel> Programs, IReadOnlyList<RiskAverage> BySize, IReadOnlyList<RiskAverage> ByState, double? Overall);
