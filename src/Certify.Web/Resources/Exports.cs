namespace Certify.Web.Resources;

/// <summary>Marker type for the Exports string resources (column headers, sheet names, export menu).</summary>
public sealed class Exports;
