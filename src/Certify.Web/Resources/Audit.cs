namespace Certify.Web.Resources;

/// <summary>Marker type for the audit event descriptions (audit trail and every timeline).</summary>
public sealed class Audit;
