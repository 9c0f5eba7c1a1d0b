using System.Reflection;

namespace Certify.Web.Features.Audit;

/// <summary>
/// Every action code an audit row may carry: the single registry that <see cref="AuditLog.Event"/> checks and that
/// the audit describer puts into words, so a new code cannot be written without a description.
/// </summary>
public static class AuditActions
{
    public const string UserSignedIn = "user.signed-in";
    public const string UserSignedInTwoFactor = "user.signed-in-2fa";
    public const string UserSignedOut = "user.signed-out";
    public const string UserSignInFailed = "user.sign-in-failed";
    public const string UserLockedOut = "user.locked-out";
    public const string UserRegistered = "user.registered";
    public const string UserEmailConfirmed = "user.email-confirmed";
    public const string UserEmailChangeRequested = "user.email-change-requested";
    public const string UserEmailChanged = "user.email-changed";
    public const string UserPasswordChanged = "user.password-changed";
    public const string UserPasswordReset = "user.password-reset";
    public const string UserProfileUpdated = "user.profile-updated";
    public const string UserRecoveryCodeUsed = "user.recovery-code-used";
    public const string UserRecoveryCodesGenerated = "user.recovery-codes-generated";
    public const string UserTwoFactorEnabled = "user.2fa-enabled";
    public const string UserTwoFactorDisabled = "user.2fa-disabled";
    public const string UserTwoFactorReset = "user.2fa-reset";
    public const string UserDeleted = "user.deleted";

    public const string CompanyRegistered = "company.registered";
    public const string CompanyProfileUpdated = "company.profile-updated";

    public const string MembershipAdded = "membership.added";
    public const string MembershipRemoved = "membership.removed";
    public const string MembershipDeactivated = "membership.deactivated";

    public const string InvitationSent = "invitation.sent";
    public const string InvitationRevoked = "invitation.revoked";
    public const string InvitationAccepted = "invitation.accepted";

    public const string ProgramSettingsUpdated = "program.settings-updated";

    public const string ExportDownloaded = "export.downloaded";

    public const string RiskSampleDrawn = "risk.sample-drawn";

    public const string BuyerRegistered = "buyer.registered";
    public const string SuppliersWatched = "buyer.suppliers-watched";
    public const string ApiKeyCreated = "buyer.api-key-created";
    public const string ApiKeyRevoked = "buyer.api-key-revoked";
    public const string WebhookRegistered = "buyer.webhook-registered";
    public const string WebhookDisabled = "buyer.webhook-disabled";
    public const string WebhookEnabled = "buyer.webhook-enabled";
    public const string RiskModelStored = "risk.model-stored";

    public const string AssessmentStarted = "assessment.started";
    public const string AssessmentRenewalStarted = "assessment.renewal-started";
    public const string AssessmentSubmitted = "assessment.submitted";
    public const string AssessmentReviewStarted = "assessment.review-started";
    public const string AssessmentChangesRequested = "assessment.changes-requested";
    public const string AssessmentApprovalRequested = "assessment.approval-requested";
    public const string AssessmentApprovalSentBack = "assessment.approval-sent-back";
    public const string AssessmentApproved = "assessment.approved";
    public const string AssessmentRejected = "assessment.rejected";

    public const string EvidenceUploaded = "evidence.uploaded";
    public const string EvidenceConfirmed = "evidence.confirmed";
    public const string EvidenceDeleted = "evidence.deleted";

    public const string ReviewClaimed = "review.claimed";
    public const string ReviewRemainingMarkedConformity = "review.remaining-marked-conformity";

    public const string FindingRecorded = "finding.recorded";
    public const string FindingActionProposed = "finding.action-proposed";
    public const string FindingEvidenceUploaded = "finding.evidence-uploaded";
    public const string FindingClosed = "finding.closed";
    public const string FindingReopened = "finding.reopened";

    public const string DistinctiveIssued = "distinctive.issued";
    public const string DistinctiveSuspended = "distinctive.suspended";
    public const string DistinctiveReinstated = "distinctive.reinstated";
    public const string DistinctiveRevoked = "distinctive.revoked";

    // Worker concerns: recorded for the body only (never with the company), and never with the concern's words.
    public const string ConcernRead = "concern.read";
    public const string ConcernAcknowledged = "concern.acknowledged";
    public const string ConcernReplied = "concern.replied";
    public const string ConcernReviewStarted = "concern.review-started";
    public const string ConcernClosed = "concern.closed";
    public const string ConcernAssigned = "concern.assigned";
    public const string ConcernFollowUpOpened = "concern.follow-up-opened";
    public const string FollowUpReviewOpened = "assessment.follow-up-opened";
    public const string FollowUpReviewClosed = "assessment.follow-up-closed";

    /// <summary>Every code above.</summary>
    public static IReadOnlySet<string> All { get; } = typeof(AuditActions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);
}
