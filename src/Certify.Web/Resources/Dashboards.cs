namespace Certify.Web.Resources;

/// <summary>Marker type for the Dashboards string resources (Spanish neutral, English in Dashboards.en.resx).</summary>
public sealed class Dashboards;
