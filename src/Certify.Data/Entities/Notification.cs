namespace Certify.Data.Entities;

/// <summary>
/// An in-app notification for one user. <see cref="Kind"/> and <see cref="DataJson"/> are rendered in the reader's
/// language when shown. <see cref="DedupeKey"/> is unique per user, so a job that runs twice notifies once.
/// </summary>
public class Notification
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Kind { get; set; }
    public required string DedupeKey { get; set; }

    /// <summary>Local path the notification opens, e.g. <c>/evaluaciones/12</c>.</summary>
    public required string Url { get; set; }

    /// <summary>Values the message template needs (company, program, question…), as a JSON object.</summary>
    public required string DataJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}
