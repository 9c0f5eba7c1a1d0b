using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Certify.Domain.Questionnaires;

/// <summary>
/// The answers of one assessment by question code, plus how many evidence files each question has and how many of
/// those still wait to be confirmed (files carried over by a renewal).
/// It wraps the dictionaries it is given without copying them, so building one per keystroke costs nothing;
/// the caller must not change them while the sheet is in use.
/// </summary>
public sealed class AnswerSheet : IReadOnlyDictionary<string, AnswerValue>
{
    private static readonly IReadOnlyDictionary<string, int> NoEvidence = new Dictionary<string, int>();

    private readonly IReadOnlyDictionary<string, AnswerValue> _answers;

    public AnswerSheet(
        IReadOnlyDictionary<string, AnswerValue> answers,
        IReadOnlyDictionary<string, int>? evidenceCounts = null,
        IReadOnlyDictionary<string, int>? unconfirmedEvidenceCounts = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        _answers = answers;
        EvidenceCounts = evidenceCounts ?? NoEvidence;
        UnconfirmedEvidenceCounts = unconfirmedEvidenceCounts ?? NoEvidence;
    }

    public static AnswerSheet Empty { get; } = new(new Dictionary<string, AnswerValue>());

    /// <summary>Number of evidence files per question code; a missing code means none.</summary>
    public IReadOnlyDictionary<string, int> EvidenceCounts { get; }

    public int Count => _answers.Count;

    public IEnumerable<string> Keys => _answers.Keys;

    public IEnumerable<AnswerValue> Values => _answers.Values;

    public AnswerValue this[string key] => _answers[key];

    public int EvidenceCount(string questionCode) =>
        EvidenceCounts.TryGetValue(questionCode, out var count) ? count : 0;

    /// <summary>Of the files per question code, those carried over by a renewal and not yet confirmed.</summary>
    public IReadOnlyDictionary<string, int> UnconfirmedEvidenceCounts { get; }

    public int UnconfirmedEvidenceCount(string questionCode) =>
        UnconfirmedEvidenceCounts.TryGetValue(questionCode, out var count) ? count : 0;

    public bool ContainsKey(string key) => _answers.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out AnswerValue value) => _answers.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, AnswerValue>> GetEnumerator() => _answers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
