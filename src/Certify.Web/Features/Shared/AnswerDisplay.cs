using System.Globalization;
using Certify.Domain.Assessments;
using Certify.Domain.Questionnaires;
using Certify.Domain.Reviews;
using Certify.Web.Infrastructure;

namespace Certify.Web.Features.Shared;

/// <summary>How answers and files read on screen and on paper: option labels in the user's language, sizes in KB/MB.</summary>
public static class AnswerDisplay
{
    public static string Label(QuestionDefinition question, AnswerValue? value, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(culture);
        return value?.Kind switch
        {
            null => "",
            AnswerKind.Choice => OptionLabel(question, value.ChoiceValue!, culture),
            AnswerKind.Choices => string.Join(", ", value.ChoiceValues.Select(v => OptionLabel(question, v, culture))),
            AnswerKind.Number => value.NumberValue!.Value.ToString("G", culture),
            AnswerKind.Date => DisplayDates.Long(value.DateValue!.Value, culture),
            _ => value.TextValue!,
        };
    }

    public static string FileSize(long bytes, CultureInfo culture) => bytes switch
    {
        < 1024 => bytes.ToString(culture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", culture) + " KB",
        _ => (bytes / (1024.0 * 1024.0)).ToString("0.#", culture) + " MB",
    };

    /// <summary>Bootstrap badge classes for a state, so the same state looks the same on every page.</summary>
    public static string StateBadgeClass(AssessmentState state) => state switch
    {
        AssessmentState.Draft => "text-bg-secondary",
        AssessmentState.ChangesRequested => "text-bg-warning",
        AssessmentState.Approved or AssessmentState.Issued => "text-bg-success",
        AssessmentState.Rejected => "text-bg-danger",
        _ => "text-bg-primary",
    };

    public static string SeverityBadgeClass(Severity severity) => severity switch
    {
        Severity.Critical => "text-bg-danger",
        Severity.Major => "text-bg-warning",
        _ => "text-bg-light border",
    };

    public static string FindingSeverityBadgeClass(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Critical => "text-bg-danger",
        FindingSeverity.Major => "text-bg-warning",
        FindingSeverity.Minor => "text-bg-info",
        FindingSeverity.Conformity => "text-bg-success",
        _ => "text-bg-light border",
    };

    public static string FindingStatusBadgeClass(FindingStatus status) => status switch
    {
        FindingStatus.Open => "text-bg-warning",
        FindingStatus.ActionProposed => "text-bg-primary",
        _ => "text-bg-success",
    };

    private static string OptionLabel(QuestionDefinition question, string value, CultureInfo culture) =>
        question.FindOption(value)?.Label.Get(culture) ?? value;
}
