namespace Certify.Web.Features.Notifications;

/// <summary>Every event a role is told about, in the app (the bell) and by e-mail.</summary>
public enum NotificationKind
{
    /// <summary>To the auditor: a submission was assigned to them (routing or claim).</summary>
    ReviewAssigned,

    /// <summary>To the company: the auditor asked for changes on some answers.</summary>
    ChangesRequested,

    /// <summary>To the company: the submission was approved, with the level.</summary>
    Approved,

    /// <summary>To the program admins: an auditor's approval waits for confirmation (four eyes).</summary>
    ApprovalAwaitingConfirmation,

    /// <summary>To the auditor: a program admin sent the approval back instead of confirming it.</summary>
    ApprovalSentBack,

    /// <summary>To the company: the submission was rejected, with the reason.</summary>
    Rejected,

    /// <summary>To the auditor: the company proposed a corrective action on a finding.</summary>
    ActionProposed,

    /// <summary>To the company: the auditor accepted the corrective action and closed the finding.</summary>
    FindingClosed,

    /// <summary>To the company: the auditor reopened a finding.</summary>
    FindingReopened,

    /// <summary>To the auditor: a review is due within the reminder window or overdue.</summary>
    ReviewDueSoon,

    /// <summary>To the program admins: a review is overdue.</summary>
    ReviewOverdue,

    /// <summary>To the company: a corrective action is due soon or overdue.</summary>
    FindingDueSoon,

    /// <summary>To the program admins: a corrective action is overdue.</summary>
    FindingOverdue,

    /// <summary>To the company: the distinctive was issued; certificate and credential are ready.</summary>
    DistinctiveIssued,

    /// <summary>To the company: its distinctive expires in 60, 30 or 7 days.</summary>
    DistinctiveExpiring,

    /// <summary>To the company: a program admin suspended its distinctive, with the reason.</summary>
    DistinctiveSuspended,

    /// <summary>To the company: a program admin lifted the suspension of its distinctive.</summary>
    DistinctiveReinstated,

    /// <summary>To the company: a program admin revoked its distinctive (final), with the reason.</summary>
    DistinctiveRevoked,

    /// <summary>To the body's program admins and the assigned auditor: a worker concern must be acknowledged or answered soon.</summary>
    ConcernDueSoon,

    /// <summary>To the body's program admins: a worker concern was not acknowledged or answered in time.</summary>
    ConcernOverdue,

    /// <summary>To the company: the certifying body opened a follow-up review of its distinctive's assessment on named questions.</summary>
    FollowUpRequested,

    /// <summary>To the company: the certifying body closed the follow-up review of its distinctive's assessment.</summary>
    FollowUpClosed,

    /// <summary>To the company: its answer to a follow-up review is due within days or overdue.</summary>
    FollowUpDueSoon,

    /// <summary>To the body's program admins: a company did not answer a follow-up review in time.</summary>
    FollowUpOverdue,

    /// <summary>To a buyer's members: a watched supplier's distinctive was issued, renewed, suspended, reinstated, revoked or expired.</summary>
    SupplierDistinctiveChanged,

    /// <summary>To a buyer's owners: a webhook endpoint was disabled after failing repeatedly.</summary>
    WebhookDisabled,
}
