namespace Certify.Web.Infrastructure;

/// <summary>
/// Where the app keeps its files (SQLite databases, mail pickup, uploads): a folder outside wwwroot,
/// "App_Data" under the content root unless <c>Storage:DataDirectory</c> says otherwise.
/// Configuration values may use the <c>{DataDirectory}</c> placeholder.
/// </summary>
public sealed class DataPaths
{
    public DataPaths(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Storage:DataDirectory"];
        Root = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "App_Data" : configured, environment.ContentRootPath);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Resolve(string value) => value.Replace("{DataDirectory}", Root, StringComparison.Ordinal);

    public string EnsureDirectory(string configuredPath)
    {
        var path = Path.GetFullPath(Resolve(configuredPath), Root);
        Directory.CreateDirectory(path);
        return path;
    }
}
