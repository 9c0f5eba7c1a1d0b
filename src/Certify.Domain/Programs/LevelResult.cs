namespace Certify.Domain.Programs;

/// <summary>
/// Which level a result earns. <see cref="ReasonCode"/> is one of <see cref="LevelReasonCodes"/>, stable for the UI
/// to translate.
/// </summary>
public sealed record LevelResult(bool Granted, LevelRule? Level, string ReasonCode);
