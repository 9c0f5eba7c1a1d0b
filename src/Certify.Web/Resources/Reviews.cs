namespace Certify.Web.Resources;

/// <summary>Marker type for the Reviews string resources (review queue, submissions overview).</summary>
public sealed class Reviews;
