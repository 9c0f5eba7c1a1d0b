namespace Certify.Data;

/// <summary>
/// Text comparison the searches run inside the database, the same on every provider. SQLite's LIKE ignores ASCII case
/// and SQL Server's collation ignores case, so there <see cref="Fold"/> is the text itself; PostgreSQL's LIKE is exact,
/// so there it is <c>certify_fold</c> (lower case without accents, created by its migrations), which a trigram index
/// on the folded legal name serves.
/// </summary>
public static class DbText
{
    public const string FoldFunction = "certify_fold";

    /// <summary>The text as the provider's searches compare it; use on both sides of a LIKE.</summary>
    public static string Fold(string text) => throw new InvalidOperationException($"DbText.Fold({text}) translates to SQL; it cannot run in memory.");
}
