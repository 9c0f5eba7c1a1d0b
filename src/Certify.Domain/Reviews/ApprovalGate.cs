using Certify.Domain.Questionnaires;

namespace Certify.Domain.Reviews;

public static class ApprovalGate
{
    private static readonly ApprovalCheck Allowed = new(true, null);
    private static readonly ApprovalCheck OpenCritical = new(false, ApprovalReasonCodes.OpenCriticalFinding);

    /// <summary>
    /// Approval needs a verdict on every applicable question (a distinctive is never issued for questions nobody
    /// judged), and is refused while any critical finding is not closed: a critical non-conformity makes the company
    /// not eligible whatever its score, and a proposed action counts only once the auditor has accepted it. Unjudged
    /// questions are reported first, as judging them is what the auditor has to do next.
    /// </summary>
    public static ApprovalCheck Check(
        QuestionnaireDefinition definition,
        IReadOnlyDictionary<string, AnswerValue> answers,
        IReadOnlyCollection<(string QuestionCode, FindingSeverity Severity, FindingStatus Status)> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var unjudged = UnjudgedQuestions(definition, answers, findings.Select(f => f.QuestionCode)).Count;
        if (unjudged > 0)
        {
            return new ApprovalCheck(false, ApprovalReasonCodes.UnjudgedQuestions, unjudged);
        }

        foreach (var (_, severity, status) in findings)
        {
            if (severity == FindingSeverity.Critical && status != FindingStatus.Closed)
            {
                return OpenCritical;
            }
        }

        return Allowed;
    }

    /// <summary>
    /// The applicable questions without a verdict, in document order. A question is applicable when the company's
    /// answers make it visible; a verdict on a hidden question does not count for a visible one.
    /// </summary>
    public static IReadOnlyList<string> UnjudgedQuestions(
        QuestionnaireDefinition definition, IReadOnlyDictionary<string, AnswerValue> answers, IEnumerable<string> judged)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(judged);
        var visible = Visibility.VisibleQuestions(definition, answers);
        var withVerdict = new HashSet<string>(judged, StringComparer.Ordinal);
        return definition.Sections.SelectMany(s => s.Questions)
            .Select(q => q.Code)
            .Where(code => visible.Contains(code) && !withVerdict.Contains(code))
            .ToList();
    }
}
