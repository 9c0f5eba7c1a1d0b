using System.Security.Claims;

namespace Certify.Web.Identity;

public static class CertifyClaims
{
    /// <summary>"true" when the user has an authenticator app enrolled.</summary>
    public const string TwoFactorEnabled = "certify:2fa";

    /// <summary>Present when the user is a program admin or auditor of at least one certifying body.</summary>
    public const string BodyStaff = "certify:body-staff";

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
    public const string PlatformAdmin = "PlatformAdmin";
    public const string BodyStaff = "BodyStaff";
}
