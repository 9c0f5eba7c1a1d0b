using System.Globalization;
using System.Net;

namespace Certify.Web.Infrastructure.Email;

public sealed record EmailContent(string Subject, string HtmlBody, string TextBody);

/// <summary>Bilingual messages: Spanish unless the recipient prefers English.</summary>
public static class EmailTemplates
{
    public static bool IsEnglish(string? culture) =>
        culture is not null && culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    public static EmailContent ConfirmAccount(string? culture, string name, string link) => IsEnglish(culture)
        ? Build("Confirm your Certify account", name,
            "Thanks for registering on Certify. Confirm your e-mail address to sign in.", "Confirm my e-mail", link,
            "If you did not register, ignore this message.")
        : Build("Confirma tu cuenta de Certify", name,
            "Gracias por registrarte en Certify. Confirma tu correo electrónico para iniciar sesión.", "Confirmar mi correo", link,
            "Si no te registraste, ignora este mensaje.");

    public static EmailContent ResetPassword(string? culture, string name, string link) => IsEnglish(culture)
        ? Build("Reset your Certify password", name,
            "We received a request to reset your password.", "Choose a new password", link,
            "If you did not ask for this, ignore this message: your password stays the same.")
        : Build("Restablece tu contraseña de Certify", name,
            "Recibimos una solicitud para restablecer tu contraseña.", "Elegir una nueva contraseña", link,
            "Si no la pediste, ignora este mensaje: tu contraseña no cambia.");

    public static EmailContent Invitation(string? culture, string inviter, string organisation, string role, string link, DateTimeOffset expiresAt)
    {
        var english = IsEnglish(culture);
        var expires = DisplayDates.LongWithTime(expiresAt, CultureInfo.GetCultureInfo(english ? Localization.English : Localization.Spanish));
        return english
            ? Build($"Invitation to join {organisation} on Certify", "",
                $"{inviter} invites you to join {organisation} on Certify as {role}.", "Accept the invitation", link,
                $"The link works once and expires on {expires}. If you don't know {inviter}, ignore this message.")
            : Build($"Invitación para unirte a {organisation} en Certify", "",
                $"{inviter} te invita a unirte a {organisation} en Certify como {role}.", "Aceptar la invitación", link,
                $"El enlace sirve una sola vez y vence el {expires}. Si no conoces a {inviter}, ignora este mensaje.");
    }

    public static EmailContent SubmissionReceived(string? culture, string company, string program, decimal? score, bool eligible, string link) => IsEnglish(culture)
        ? Build($"New self-assessment submitted: {company}", "",
            $"{company} submitted its self-assessment for {program}. Self-score: {Score(score, culture)}{(eligible ? "" : " — not eligible: a critical item was answered non-compliant")}.",
            "Open the submission", link, "It will appear in your body's review queue.")
        : Build($"Nueva autoevaluación enviada: {company}", "",
            $"{company} envió su autoevaluación de {program}. Autopuntaje: {Score(score, culture)}{(eligible ? "" : " — no elegible: un punto crítico se respondió como incumplido")}.",
            "Abrir el envío", link, "Aparecerá en la cola de revisión de tu organismo.");

    private static string Score(decimal? score, string? culture) =>
        score is { } s ? s.ToString("0.##", CultureInfo.GetCultureInfo(IsEnglish(culture) ? "en-US" : "es-MX")) : "—";

    public static EmailContent Build(string subject, string name, string lead, string action, string link, string footer)
    {
        var greeting = string.IsNullOrWhiteSpace(name) ? "" : name;
        var html = $"""
            <!DOCTYPE html>
            <html><body style="font-family:Arial,Helvetica,sans-serif;color:#1f2937;max-width:560px">
            <h2 style="color:#0b5394">Certify</h2>
            {(greeting.Length > 0 ? $"<p>{WebUtility.HtmlEncode(greeting)}:</p>" : "")}
            <p>{WebUtility.HtmlEncode(lead)}</p>
            <p><a href="{WebUtility.HtmlEncode(link)}" style="background:#0b5394;color:#fff;padding:10px 16px;border-radius:4px;text-decoration:none">{WebUtility.HtmlEncode(action)}</a></p>
            <p style="font-size:12px;color:#6b7280">{WebUtility.HtmlEncode(link)}</p>
            <p style="font-size:12px;color:#6b7280">{WebUtility.HtmlEncode(footer)}</p>
            </body></html>
            """;
        var text = $"{(greeting.Length > 0 ? greeting + ":\n\n" : "")}{lead}\n\n{action}: {link}\n\n{footer}\n";
        return new EmailContent(subject, html, text);
    }
}
