namespace Certify.Web.Resources;

/// <summary>Marker type for the strings of the risk ranking, the follow-up samples and the model page.</summary>
public sealed class Risk;
