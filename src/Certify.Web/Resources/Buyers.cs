namespace Certify.Web.Resources;

/// <summary>Marker type for the strings of the buyers' pages: registration, supplier list, team, integrations.</summary>
public sealed class Buyers;
