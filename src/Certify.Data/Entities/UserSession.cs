using Certify.Domain.Sessions;

namespace Certify.Data.Entities;

/// <summary>
/// One signed-in browser. The auth cookie names it in its "sid" claim and is accepted only while this row is open,
/// so ending the row ends the session on every node, whatever copy of the cookie is presented.
/// </summary>
public class UserSession
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public ApplicationUser? User { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The browser's User-Agent at sign-in (trimmed), so the user can tell their sessions apart.</summary>
    public const int UserAgentMaxLength = 256;

    public string UserAgent { get; set; } = "";

    public DateTimeOffset? EndedAt { get; set; }
    public SessionEndReason? EndReason { get; set; }
}
