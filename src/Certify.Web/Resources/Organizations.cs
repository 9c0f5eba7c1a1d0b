namespace Certify.Web.Resources;

/// <summary>Marker type for the Organizations string resources (companies, certifying bodies, teams, invitations).</summary>
public sealed class Organizations;
