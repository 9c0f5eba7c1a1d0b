using Microsoft.Extensions.Localization;

namespace Certify.Web.Features.Reviews;

/// <summary>How a refused review action reads for the person who tried it.</summary>
public static class ReviewText
{
    public static string Outcome(IStringLocalizer localizer, ReviewResult result)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            ReviewOutcome.Conflict => localizer["Outcome_Conflict"],
            ReviewOutcome.NotFound => localizer["Outcome_NotFound"],
            _ when result.Reason is { } reason && !localizer[$"Reason_{reason}"].ResourceNotFound => localizer[$"Reason_{reason}"],
            _ => localizer["Outcome_Refused"],
        };
    }
}
