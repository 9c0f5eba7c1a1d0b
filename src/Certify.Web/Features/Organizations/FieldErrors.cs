using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;

namespace Certify.Web.Features.Organizations;

/// <summary>Puts a service's field errors into an edit context, so each message shows under its field.</summary>
public static class FieldErrors
{
    /// <summary>Shows the errors; returns the messages that belong to no field (for an alert at the top).</summary>
    public static IReadOnlyList<string> Show(
        EditContext context, ValidationMessageStore store, IEnumerable<FieldError> errors, IStringLocalizer localizer)
    {
        store.Clear();
        var general = new List<string>();
        foreach (var error in errors)
        {
            var message = localizer[error.Key, error.Args].Value;
            if (error.Field.Length == 0)
            {
                general.Add(message);
            }
            else
            {
                store.Add(context.Field(error.Field), message);
            }
        }

        context.NotifyValidationStateChanged();
        return general;
    }

    /// <summary>A one-line outcome for a page banner: the success text, or the errors that belong to no field.</summary>
    public static (string Message, bool IsError) Outcome(
        CommandResult result, string success, EditContext context, ValidationMessageStore store, IStringLocalizer localizer)
    {
        var general = Show(context, store, result.Errors, localizer);
        return result.Succeeded
            ? (success, false)
            : (general.Count > 0 ? string.Join(" ", general) : localizer["FixErrors"], true);
    }
}
