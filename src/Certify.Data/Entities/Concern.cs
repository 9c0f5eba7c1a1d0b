using Certify.Domain.Concerns;

namespace Certify.Data.Entities;

/// <summary>
/// A worker's concern about a certified company, for its certifying body only. Nothing identifies the reporter: no
/// account, no address, no user agent, and only the day it arrived. What the reporter wrote (and any contact) is
/// encrypted with a Data Protection purpose of the body; the receipt code is stored as a salted slow hash, next to its
/// lookup id.
/// </summary>
public class Concern
{
    public long Id { get; set; }
    public int CertifyingBodyId { get; set; }
    public CertifyingBody? CertifyingBody { get; set; }
    public int CompanyId { get; set; }
    public Company? Company { get; set; }
    public long DistinctiveId { get; set; }
    public Distinctive? Distinctive { get; set; }

    public ConcernTopic Topic { get; set; }
    public ConcernState State { get; set; }

    /// <summary>The day it arrived, in the body's calendar (never the time).</summary>
    public DateOnly ReceivedOn { get; set; }
    public DateOnly? AcknowledgedOn { get; set; }
    public DateOnly? FeedbackOn { get; set; }
    public DateOnly? ClosedOn { get; set; }

    /// <summary>The report (what happened, since when, whether it goes on), encrypted for the body.</summary>
    public required string ReportCipher { get; set; }

    /// <summary>How the reporter asked to be contacted, encrypted for the body; null when they gave nothing.</summary>
    public string? ContactCipher { get; set; }

    /// <summary>Why the body closed it (the reporter reads it), encrypted for the body.</summary>
    public string? CloseReasonCipher { get; set; }

    /// <summary>The receipt code's lookup id (<see cref="ReceiptCode.LookupId"/>), unique.</summary>
    public required string LookupId { get; set; }
    public required byte[] SecretSalt { get; set; }
    public required byte[] SecretHash { get; set; }

    /// <summary>The auditor the body gave it to, if any.</summary>
    public string? AssignedAuditorId { get; set; }

    /// <summary>Claims of the daily deadline job: the day the last reminder went out, and the day each deadline was escalated.</summary>
    public DateOnly? RemindedOn { get; set; }
    public DateOnly? AcknowledgeEscalatedOn { get; set; }
    public DateOnly? FeedbackEscalatedOn { get; set; }

    public Guid Version { get; set; }

    public List<ConcernMessage> Messages { get; set; } = [];
}

/// <summary>A message between the body and the reporter, encrypted for the body; dated to the day.</summary>
public class ConcernMessage
{
    public long Id { get; set; }
    public long ConcernId { get; set; }
    public Concern? Concern { get; set; }
    public bool FromReporter { get; set; }
    public required string TextCipher { get; set; }
    public DateOnly SentOn { get; set; }

    /// <summary>The body's member who wrote it; null for the reporter.</summary>
    public string? AuthorUserId { get; set; }
}

/// <summary>
/// A counter that keeps reporting and receipt-code guessing within limits per network and day without storing the
/// network: <see cref="Key"/> is an HMAC of the network prefix with that day's <see cref="ConcernDaySalt"/>, deleted
/// after the day, and no counter is linked to a concern.
/// </summary>
public class ConcernThrottle
{
    public long Id { get; set; }
    public DateOnly Day { get; set; }
    public required string Kind { get; set; }
    public required string Key { get; set; }
    public int Count { get; set; }
}

/// <summary>The day's random salt of <see cref="ConcernThrottle"/> keys, shared by every node; forgotten the next day.</summary>
public class ConcernDaySalt
{
    public DateOnly Day { get; set; }
    public required byte[] Salt { get; set; }
}

/// <summary>
/// A follow-up review the certifying body opened from a concern: the distinctive's issued assessment went back to the
/// company with the named questions unlocked (<see cref="Questions"/>, in the body's words), and the company's next
/// submission (<see cref="SubmissionNumber"/>) is reviewed in the review queue like any other. Linked to the concern
/// for the body only: the company sees the questions and the due date, never the concern.
/// </summary>
public class FollowUpReview
{
    public long Id { get; set; }
    public long ConcernId { get; set; }
    public Concern? Concern { get; set; }
    public int AssessmentId { get; set; }
    public Assessment? Assessment { get; set; }

    /// <summary>The submission that answers it: one after the assessment's last when the review was opened (unique per assessment).</summary>
    public int SubmissionNumber { get; set; }

    /// <summary>Who reviews the answer: the concern's auditor when it has one, else the auditor who opened it; null for the usual routing.</summary>
    public string? AuditorUserId { get; set; }

    public DateOnly OpenedOn { get; set; }

    /// <summary>The last day for the company to resubmit; the deadline job reminds it before and tells the body after.</summary>
    public DateOnly DueOn { get; set; }
    public required string OpenedByUserId { get; set; }

    /// <summary>Claims of the daily deadline job: the day the company was last reminded, and when the body was told it is overdue.</summary>
    public DateOnly? RemindedOn { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public List<FollowUpQuestion> Questions { get; set; } = [];
}

/// <summary>One question a follow-up review names, with what the body asks about it (the company reads it).</summary>
public class FollowUpQuestion
{
    public long Id { get; set; }
    public long FollowUpReviewId { get; set; }
    public FollowUpReview? FollowUpReview { get; set; }
    public required string QuestionCode { get; set; }
    public required string Request { get; set; }
}
