namespace Certify.Domain.Reviews;

/// <summary>"vence en N días" / "vence hoy" / "vencida hace N días".</summary>
public enum DeadlineKind
{
    DueIn,
    DueToday,
    Overdue,
}
