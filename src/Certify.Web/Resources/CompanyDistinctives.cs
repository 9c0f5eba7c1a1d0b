namespace Certify.Web.Resources;

/// <summary>Marker type for the string resources of a company's distinctives ("Mis distintivos").</summary>
public sealed class CompanyDistinctives;
