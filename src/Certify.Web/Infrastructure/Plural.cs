namespace Certify.Web.Infrastructure;

/// <summary>
/// Counts shown in words: a resource <c>Key</c> holds the plural ("{0} distintivos") and its twin <c>KeyOne</c> the
/// singular ("1 distintivo"); both languages have both forms.
/// </summary>
public static class Plural
{
    public const string SingularSuffix = "One";

    /// <summary>The resource key for <paramref name="count"/>: the singular twin for one, the plural otherwise.</summary>
    public static string Key(string key, long count) => count == 1 ? key + SingularSuffix : key;
}
