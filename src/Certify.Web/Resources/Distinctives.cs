namespace Certify.Web.Resources;

/// <summary>Marker type for the strings of the registry, verification and distinctive administration pages.</summary>
public sealed class Distinctives;
