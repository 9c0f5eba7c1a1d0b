namespace Certify.Domain.Reviews;

public static class ApprovalReasonCodes
{
    /// <summary>A critical non-conformity is not closed yet.</summary>
    public const string OpenCriticalFinding = "open-critical-finding";

    /// <summary>An applicable (visible) question has no verdict yet.</summary>
    public const string UnjudgedQuestions = "unjudged-questions";
}
