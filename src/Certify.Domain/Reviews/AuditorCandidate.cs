namespace Certify.Domain.Reviews;

/// <summary>An auditor of the certifying body with the number of reviews they have open now.</summary>
public sealed record AuditorCandidate(string UserId, bool Active, int OpenReviews);
