using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;

namespace Certify.Web.Components.Account;

/// <summary>Puts Identity's errors under the form field they are about, so the person sees where to fix them.</summary>
internal static class IdentityErrorFields
{
    /// <returns>The errors that belong to no field, joined into one message, or null.</returns>
    public static string? Show(
        EditContext editContext,
        ValidationMessageStore store,
        IEnumerable<IdentityError> errors,
        string passwordField,
        string? emailField = null)
    {
        var list = errors.ToList();
        var general = new List<string>();
        foreach (var error in list)
        {
            // The user name is the e-mail address, so Identity reports a duplicate or unusable address twice.
            if (IsAbout(error, "UserName") && list.Exists(e => IsAbout(e, "Email")))
            {
                continue;
            }

            if (error.Code.StartsWith("Password", StringComparison.Ordinal) && error.Code != "PasswordMismatch")
            {
                store.Add(editContext.Field(passwordField), error.Description);
            }
            else if (emailField is not null && (IsAbout(error, "Email") || IsAbout(error, "UserName")))
            {
                store.Add(editContext.Field(emailField), error.Description);
            }
            else
            {
                general.Add(error.Description);
            }
        }

        editContext.NotifyValidationStateChanged();
        return general.Count == 0 ? null : string.Join(" ", general);
    }

    private static bool IsAbout(IdentityError error, string subject) => error.Code.Contains(subject, StringComparison.Ordinal);
}
