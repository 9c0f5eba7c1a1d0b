namespace Certify.Web.Infrastructure.Email;

public sealed class EmailOptions
{
    public string FromAddress { get; set; } = "no-reply@certify.local";
    public string FromName { get; set; } = "Certify";

    /// <summary>Folder for .eml files when no SMTP host is configured; may use {DataDirectory}.</summary>
    public string PickupDirectory { get; set; } = "{DataDirectory}/mail";

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public bool UseStartTls { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
}
