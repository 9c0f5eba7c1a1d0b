namespace Certify.Web.Features.Risk;

/// <summary>
/// Retrains every program's risk model (recurring, nightly). Safe to re-run and to run on two nodes: a version is
/// stored only when the program's history changed, once.
/// </summary>
public sealed class RiskTrainingJob(RiskModels models)
{
    public const string Id = "risk-retrain";

    public Task<int> RunAsync(CancellationToken ct) => models.TrainAllAsync(ct);
}
