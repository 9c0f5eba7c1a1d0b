namespace Certify.Web.Identity;

public static class CertifyClaims
{
    /// <summary>"true" when the user has an authenticator app enrolled.</summary>
    public const string TwoFactorEnabled = "certify:2fa";

    /// <summary>Present when the user is a program admin or auditor of at least one certifying body.</summary>
    public const string BodyStaff = "certify:body-staff";

    /// <summary>The id of the server-side session record (<c>UserSessions</c>) the auth cookie belongs to.</summary>
    public const string SessionId = "sid";

    public const string PlatformAdminRole = "PlatformAdmin";
}

public static class Policies
{
    /// <summary>Signed in, without the staff authenticator requirement: only for the pages where staff enrol one.</summary>
    public const string SignedIn = "SignedIn";


    public const string PlatformAdmin = "PlatformAdmin";
    public const string BodyStaff = "BodyStaff";
}
