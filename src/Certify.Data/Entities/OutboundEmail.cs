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
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
