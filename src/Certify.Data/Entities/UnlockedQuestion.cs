namespace Certify.Data.Entities;

/// <summary>
/// A question the auditor asked the company to change: while changes are requested only these answers may be
/// edited. The rows go when the company resubmits.
/// </summary>
public class UnlockedQuestion
{
    public long Id { get; set; }
    public int AssessmentId { get; set; }
    public Assessment? Assessment { get; set; }
    public required string QuestionCode { get; set; }
    public required string Comment { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
