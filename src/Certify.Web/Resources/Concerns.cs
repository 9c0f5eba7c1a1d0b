namespace Certify.Web.Resources;

/// <summary>Marker type for the strings of the worker-concern pages (report, follow-up, the body's inbox).</summary>
public sealed class Concerns;
