namespace Certify.Domain.Reviews;

/// <summary>
/// A deadline as the queue shows it. <see cref="Days"/> is never negative: days left for
/// <see cref="DeadlineKind.DueIn"/>, days late for <see cref="DeadlineKind.Overdue"/>, 0 for
/// <see cref="DeadlineKind.DueToday"/>.
/// </summary>
public readonly record struct DeadlineBadge(DeadlineKind Kind, int Days);
