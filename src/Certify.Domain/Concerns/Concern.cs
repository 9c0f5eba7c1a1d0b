namespace Certify.Domain.Concerns;

/// <summary>What a worker's concern is about, as the report form offers it.</summary>
public enum ConcernTopic
{
    Subcontracting,
    UnionFreedom,
    EqualityHarassment,
    PayHours,
    Other,
}

/// <summary>
/// Where a concern stands with the certifying body: <see cref="New"/> until the body acknowledges it (or answers it,
/// which acknowledges it), <see cref="UnderReview"/> while the body looks into it, <see cref="Closed"/> with a reason
/// the reporter reads.
/// </summary>
public enum ConcernState
{
    New,
    Acknowledged,
    UnderReview,
    Closed,
}

/// <summary>What the body may do with a concern.</summary>
public enum ConcernAction
{
    Acknowledge,
    Reply,
    StartReview,
    Close,
}

/// <summary>The facts of a concern its deadlines depend on; days in the certifying body's calendar.</summary>
public sealed record ConcernDates(ConcernState State, DateOnly ReceivedOn, DateOnly? AcknowledgedOn, DateOnly? FeedbackOn);

/// <summary>Which deadline a concern is waiting for, when it falls, and whether it has passed.</summary>
public sealed record ConcernDue(ConcernDeadline Deadline, DateOnly Day, bool Overdue);

public enum ConcernDeadline
{
    Acknowledge,
    Feedback,
}

/// <summary>
/// The two promises of an anonymous reporting channel (as the EU whistle-blowing rules set them): acknowledge within
/// 7 days of receipt, give feedback within 3 months (90 days). A concern is acknowledged by the body's acknowledgement,
/// its first message to the reporter or its closing; feedback is any message to the reporter once the concern was
/// acknowledged, or the closing (whose reason the reporter reads).
/// </summary>
public static class ConcernWorkflow
{
    public const int AcknowledgeDays = 7;
    public const int FeedbackDays = 90;

    public static DateOnly AcknowledgeBy(DateOnly receivedOn) => receivedOn.AddDays(AcknowledgeDays);

    public static DateOnly FeedbackBy(DateOnly receivedOn) => receivedOn.AddDays(FeedbackDays);

    /// <summary>The deadline the concern waits for on <paramref name="today"/>; null once closed or both are met.</summary>
    public static ConcernDue? Due(ConcernDates dates, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(dates);
        if (dates.State == ConcernState.Closed)
        {
            return null;
        }

        if (dates.AcknowledgedOn is null)
        {
            var by = AcknowledgeBy(dates.ReceivedOn);
            return new ConcernDue(ConcernDeadline.Acknowledge, by, today > by);
        }

        if (dates.FeedbackOn is null)
        {
            var by = FeedbackBy(dates.ReceivedOn);
            return new ConcernDue(ConcernDeadline.Feedback, by, today > by);
        }

        return null;
    }

    /// <summary>Whether the body may take <paramref name="action"/> on a concern in <paramref name="state"/>.</summary>
    public static bool CanApply(ConcernAction action, ConcernState state) => action switch
    {
        ConcernAction.Acknowledge => state == ConcernState.New,
        ConcernAction.StartReview => state is ConcernState.New or ConcernState.Acknowledged,
        ConcernAction.Reply or ConcernAction.Close => state != ConcernState.Closed,
        _ => false,
    };

    /// <summary>
    /// The concern after the body took <paramref name="action"/> on <paramref name="today"/> (which
    /// <see cref="CanApply"/> allowed): its state and the days its deadlines were met.
    /// </summary>
    public static ConcernDates Apply(ConcernAction action, ConcernDates dates, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(dates);
        if (!CanApply(action, dates.State))
        {
            throw new InvalidOperationException($"{action} is not allowed on a concern in state {dates.State}.");
        }

        var acknowledged = dates.AcknowledgedOn ?? today;
        return action switch
        {
            ConcernAction.Acknowledge => dates with { State = ConcernState.Acknowledged, AcknowledgedOn = acknowledged },
            ConcernAction.StartReview => dates with { State = ConcernState.UnderReview, AcknowledgedOn = acknowledged },
            ConcernAction.Close => dates with
            {
                State = ConcernState.Closed, AcknowledgedOn = acknowledged, FeedbackOn = dates.FeedbackOn ?? today,
            },
            _ => dates with
            {
                State = dates.State == ConcernState.New ? ConcernState.Acknowledged : dates.State,
                AcknowledgedOn = acknowledged,
                // A first message acknowledges; a message to an acknowledged concern is feedback.
                FeedbackOn = dates.FeedbackOn ?? (dates.AcknowledgedOn is not null ? today : null),
            },
        };
    }
}

/// <summary>
/// Public counts of concerns without singling anyone out: a cell below <see cref="Threshold"/> is not shown as a
/// number (k-anonymity with k = 5), so a small state or topic cannot point at one workplace.
/// </summary>
public static class ConcernCounts
{
    public const int Threshold = 5;

    /// <summary>The count to publish, or null for "fewer than 5" (zero included: it says nothing either).</summary>
    public static int? Publishable(int count) => count >= Threshold ? count : null;
}
