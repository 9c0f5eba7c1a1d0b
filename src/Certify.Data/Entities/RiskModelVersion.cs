using Certify.Domain.Risk;

namespace Certify.Data.Entities;

/// <summary>
/// One version of a program's risk model: its weights, what it was fitted on and its back-test. Written by the
/// retraining job only when the program's history changed (the fingerprint of the data it saw is unique per program),
/// never updated; the newest version scores.
/// </summary>
public class RiskModelVersion
{
    public int Id { get; set; }
    public int ProgramId { get; set; }
    public CertificationProgram? Program { get; set; }
    public int Version { get; set; }
    public RiskModelKind Kind { get; set; }
    public DateTimeOffset TrainedAt { get; set; }

    /// <summary>Decided reviews the version saw, and how many of them found a major or critical non-conformity.</summary>
    public int Observations { get; set; }

    public int Positives { get; set; }
    public double Intercept { get; set; }

    /// <summary>JSON object: factor name → weight (log-odds per unit).</summary>
    public required string WeightsJson { get; set; }

    /// <summary>JSON of the domain's RiskBackTestResult; null when the history cannot be split into two usable parts.</summary>
    public string? BackTestJson { get; set; }

    /// <summary>SHA-256 (hex) of the observations the version was fitted on.</summary>
    public required string Fingerprint { get; set; }
}
