using System.Text.Json;
using System.Text.RegularExpressions;
using Certify.Domain.Assessments;
using Certify.Domain.Distinctives;
using Certify.Domain.Reviews;
using Certify.Domain.Tenancy;
using Microsoft.Extensions.Localization;

using Certify.Web.Infrastructure;

namespace Certify.Web.Features.Audit;

/// <summary>One detail of an audit event as a reader sees it: a label and a value in words.</summary>
public sealed record AuditField(string Label, string Value);

/// <summary>An audit event in the reader's language: one sentence and its details as labelled fields.</summary>
public sealed record AuditDescription(string Text, IReadOnlyList<AuditField> Fields);

/// <summary>
/// Puts audit events into words for every reader (the audit trail and the assessment timelines). The sentence comes
/// from the resource <c>Event_{action}</c> (or its singular twin <c>Event_{action}One</c>, see <see cref="Plural"/>, when the event counts one thing), whose
/// <c>{Name}</c> placeholders take the detail of that name and <c>{company}</c> the company's name; each detail
/// becomes a field labelled by <c>Field_{name}</c>, with enum numbers turned into words.
/// </summary>
public static partial class AuditEventDescriber
{
    public static AuditDescription Describe(IStringLocalizer<Resources.Audit> localizer, string action, string? details, string? companyName)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(action);
        var values = new List<(string Name, string Value)>();
        if (!string.IsNullOrWhiteSpace(details))
        {
            using var json = JsonDocument.Parse(details);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in json.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        values.Add((property.Name, Value(localizer, action, property.Name, property.Value)));
                    }
                }
            }
        }

        var key = $"Event_{action}";
        if (values.Any(v => v.Name.Equals("Count", StringComparison.OrdinalIgnoreCase) && v.Value == "1")
            && localizer[key + Plural.SingularSuffix] is { ResourceNotFound: false })
        {
            key += Plural.SingularSuffix;
        }

        var template = localizer[key] is { ResourceNotFound: false } found ? found.Value : action;
        var text = Placeholder().Replace(template, m =>
            m.Groups[1].Value == "company" ? companyName ?? "—"
            : values.FirstOrDefault(v => v.Name.Equals(m.Groups[1].Value, StringComparison.OrdinalIgnoreCase)).Value ?? "—");
        var fields = values.Select(v => new AuditField(Label(localizer, v.Name), v.Value)).ToList();
        return new AuditDescription(text, fields);
    }

    /// <summary>The enum each numeric detail stands for, by the action that wrote it; null when it is a plain number.</summary>
    public static Type? EnumOf(string action, string property)
    {
        ArgumentNullException.ThrowIfNull(action);
        return property.ToUpperInvariant() switch
        {
            "SEVERITY" => typeof(FindingSeverity),
            "FROM" or "TO" when action.StartsWith("finding.", StringComparison.Ordinal) => typeof(FindingStatus),
            "FROM" or "TO" when action == AuditActions.DistinctiveIssued || action.StartsWith("assessment.", StringComparison.Ordinal) => typeof(AssessmentState),
            "FROM" or "TO" when action.StartsWith("distinctive.", StringComparison.Ordinal) => typeof(DistinctiveStatus),
            "ROLE" when action == AuditActions.MembershipDeactivated => typeof(BodyRole),
            "ROLE" => typeof(CompanyRole),
            _ => null,
        };
    }

    /// <summary>Every enum a detail may carry; each of their values has a word in both languages.</summary>
    public static IReadOnlyList<Type> DescribedEnums { get; } =
        [typeof(FindingSeverity), typeof(FindingStatus), typeof(AssessmentState), typeof(DistinctiveStatus), typeof(CompanyRole), typeof(BodyRole)];

    private static string Value(IStringLocalizer localizer, string action, string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when EnumOf(action, name) is { } type && value.TryGetInt32(out var number) && Enum.IsDefined(type, number) =>
            EnumWord(localizer, type, Enum.GetName(type, number)!),
        JsonValueKind.String when name.Equals("Role", StringComparison.OrdinalIgnoreCase) && RoleType(value.GetString()) is { } type =>
            EnumWord(localizer, type, value.GetString()!),
        JsonValueKind.True => localizer["Yes"],
        JsonValueKind.False => localizer["No"],
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText())),
        _ => value.GetRawText(),
    };

    private static Type? RoleType(string? name) =>
        Enum.TryParse<CompanyRole>(name, out _) ? typeof(CompanyRole) : Enum.TryParse<BodyRole>(name, out _) ? typeof(BodyRole) : null;

    private static string EnumWord(IStringLocalizer localizer, Type type, string name) =>
        localizer[$"{type.Name}_{name}"] is { ResourceNotFound: false } word ? word.Value : name;

    private static string Label(IStringLocalizer localizer, string name) =>
        localizer[$"Field_{name.ToLowerInvariant()}"] is { ResourceNotFound: false } label ? label.Value : name;

    [GeneratedRegex(@"\{(\w+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
