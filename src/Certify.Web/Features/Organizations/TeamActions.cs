namespace Certify.Web.Features.Organizations;

/// <summary>Reads the "verb:id" value the team page's action buttons post.</summary>
public static class TeamActions
{
    public static (string Verb, int Id) Parse(string? action)
    {
        var parts = (action ?? "").Split(':', 2);
        return parts.Length == 2 && int.TryParse(parts[1], out var id) ? (parts[0], id) : ("", 0);
    }
}
