namespace Certify.Web.Infrastructure;

/// <summary>
/// The app's public address from <c>App:PublicUrl</c>, for links that leave the request: e-mails sent by jobs,
/// notifications, signed credentials and printed certificates.
/// </summary>
public static class PublicUrl
{
    public const string Default = "http://localhost:5180";

    /// <summary>The base address without a trailing slash.</summary>
    public static string Base(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (configuration["App:PublicUrl"] ?? Default).TrimEnd('/');
    }
}
