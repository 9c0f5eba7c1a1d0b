namespace Certify.Domain.Assessments;

public enum AssessmentState
{
    Draft,
    Submitted,
    InReview,
    ChangesRequested,
    Approved,
    Rejected,
    Issued,
}
