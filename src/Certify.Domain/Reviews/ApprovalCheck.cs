namespace Certify.Domain.Reviews;

/// <summary>
/// Whether an assessment may be approved. <see cref="ReasonCode"/> is null when allowed, else one of
/// <see cref="ApprovalReasonCodes"/>, stable for the UI to translate.
/// </summary>
public sealed record ApprovalCheck(bool Allowed, string? ReasonCode);
