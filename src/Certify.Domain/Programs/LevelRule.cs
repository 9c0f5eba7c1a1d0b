namespace Certify.Domain.Programs;

/// <summary>A level of a program: granted from <paramref name="MinScore"/> (inclusive) upwards.</summary>
public sealed record LevelRule(string Code, decimal MinScore, int ValidityMonths, bool CorrectiveActionPlanRequired);
