namespace Certify.Web.Data;

public static class SeedPaths
{
    /// <summary>The seed/ folder: <c>Seed:Path</c> when set, else the copy next to the app's binaries.</summary>
    public static string Root(IConfiguration configuration) =>
        configuration["Seed:Path"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, "seed");
}
