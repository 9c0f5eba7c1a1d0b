namespace Certify.Domain.Questionnaires;

/// <summary>A band of a number question; both bounds inclusive, either may be open. Null compliance = not applicable.</summary>
public sealed record NumberRange(decimal? Min, decimal? Max, decimal? Compliance)
{
    public bool Contains(decimal value) => (Min is not { } min || value >= min) && (Max is not { } max || value <= max);
}
