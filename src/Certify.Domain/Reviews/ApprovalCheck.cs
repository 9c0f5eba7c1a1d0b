namespace Certify.Domain.Reviews;

/// <summary>
/// Whether an assessment may be approved. <see cref="ReasonCode"/> is null when allowed, else one of
/// <see cref="ApprovalReasonCodes"/>, stable for the UI to translate. <see cref="Unjudged"/> counts the applicable
/// questions that have no verdict yet.
/// </summary>
public sealed record ApprovalCheck(bool Allowed, string? ReasonCode, int Unjudged = 0);
