namespace Certify.Data.Entities;

/// <summary>A message waiting to be (or already) sent by the e-mail job; the row makes sending idempotent.</summary>
public class OutboundEmail
{
    public long Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string HtmlBody { get; set; }
    public required string TextBody { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// What kind of message this is when sending it is rate limited per address (<see cref="AccountLinkCategory"/>);
    /// null for everything else. Kept in the database so every node of a cluster counts the same messages.
    /// </summary>
    public string? Category { get; set; }

    /// <summary>Password-reset and e-mail-confirmation links.</summary>
    public const string AccountLinkCategory = "account-link";
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
