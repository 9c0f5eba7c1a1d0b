namespace Certify.Web.Resources;

/// <summary>Marker type for the landing page's string resources.</summary>
public sealed class Home;
