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
}
