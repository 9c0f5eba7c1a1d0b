using Microsoft.AspNetCore.Identity;

namespace Certify.Data.Entities;

public class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>"es-MX" or "en-US": the language of the e-mails we send this user.</summary>
    public string PreferredCulture { get; set; } = "es-MX";

    public DateTimeOffset CreatedAt { get; set; }
}
