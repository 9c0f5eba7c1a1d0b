using System.Security.Claims;

namespace Certify.Web.Identity;

public static class CertifyClaims
{
    /// <summary>"true" when the user has an authenticator app enrolled.</summary>
    public const string TwoFactorEnabled = "certify:2fa";

    /// <summary>Present when the user is a program admin or auditor of at least one certifying body.</summary>
    public const string BodyStaff = "certify:body-staff";

    /// <summary>The id of the server-side session record (<c>UserSessions</c>) the auth cookie belongs to.</summary>
    public const string SessionId = "sid";

    /// <summary>The name the person gave at registration or in their profile; absent when they gave none.</summary>
    public const string DisplayName = "certify:display-name";

    public const string PlatformAdminRole = "PlatformAdmin";

    /// <summary>What the top bar calls the person: the name they gave, their e-mail address only if none.</summary>
    public static string NameOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(DisplayName)?.Value is { Length: > 0 } name ? name : user.Identity?.Name ?? "";
    }
}

public static class Policies
{
    /// <summary>Signed in, without the staff authenticator requirement: only for the pages where staff enrol one.</summary>
    public const string SignedIn = "SignedIn";


    public const string PlatformAdmin = "PlatformAdmin";
    public const string BodyStaff = "BodyStaff";
}
