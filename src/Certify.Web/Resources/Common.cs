namespace Certify.Web.Resources;

/// <summary>Marker type for the Common string resources (Spanish neutral, English in Common.en.resx).</summary>
public sealed class Common;
