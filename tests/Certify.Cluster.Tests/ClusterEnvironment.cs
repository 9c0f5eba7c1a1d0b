using Certify.EndToEnd.Tests;

namespace Certify.Cluster.Tests;

/// <summary>
/// What the two-node proof needs from outside: a PostgreSQL server (<c>Database__Provider=PostgreSql</c> and
/// <c>ConnectionStrings__Certify</c>, as <c>.ci/with-postgres</c> exports them), a Redis server (<c>Cache__Redis</c>,
/// as <c>.ci/with-redis</c> exports it) and Chromium.
/// </summary>
public static class ClusterEnvironment
{
    public static string? PostgreSql =>
        string.Equals(Environment.GetEnvironmentVariable("Database__Provider"), "PostgreSql", StringComparison.OrdinalIgnoreCase)
            ? Environment.GetEnvironmentVariable("ConnectionStrings__Certify") is { Length: > 0 } connection ? connection : null
            : null;

    public static string? Redis => Environment.GetEnvironmentVariable("Cache__Redis") is { Length: > 0 } redis ? redis : null;

    /// <summary>Submissions routed in <see cref="ClusterRoutingTests"/>: <c>CLUSTER_SUBMISSIONS</c>, 1,000 by default, as the issue asks.</summary>
    public static int Submissions =>
        int.TryParse(Environment.GetEnvironmentVariable("CLUSTER_SUBMISSIONS"), System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1000;

    /// <summary>Why the proof cannot run here, or null when everything it needs is given.</summary>
    public static string? Missing
    {
        get
        {
            var missing = new List<string>();
            if (PostgreSql is null)
            {
                missing.Add("a PostgreSQL server (Database__Provider=PostgreSql and ConnectionStrings__Certify)");
            }

            if (Redis is null)
            {
                missing.Add("a Redis server (Cache__Redis)");
            }

            if (!BrowserFixture.IsChromiumInstalled)
            {
                missing.Add(BrowserFixture.MissingChromiumMessage);
            }

            return missing.Count == 0
                ? null
                : $"The two-node proof needs {string.Join(", ", missing)}. Run it as: bash .ci/with-postgres bash .ci/with-redis dotnet test tests/Certify.Cluster.Tests";
        }
    }
}

/// <summary>
/// A test of the two-node proof: skipped with the reason when PostgreSQL, Redis or Chromium is missing on a developer's
/// machine; run (and failed with the same reason) under <c>CI=true</c>.
/// </summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        if (ClusterEnvironment.Missing is { } reason && !BrowserFixture.IsCi)
        {
            Skip = reason;
        }
    }
}
