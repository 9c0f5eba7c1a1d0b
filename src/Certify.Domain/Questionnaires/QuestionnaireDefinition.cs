using System.Collections.Frozen;

namespace Certify.Domain.Questionnaires;

/// <summary>
/// A published questionnaire version: immutable, identified by program + version and by the hash of its content.
/// Built only by <see cref="QuestionnaireLoader"/>, which guarantees unique codes and showIf conditions that refer
/// to earlier questions only.
/// </summary>
public sealed class QuestionnaireDefinition
{
    private readonly QuestionDefinition[] _questions;

    internal QuestionnaireDefinition(string program, string version, LocalizedText title, SectionDefinition[] sections, string contentHash)
    {
        Program = program;
        Version = version;
        Title = title;
        Sections = sections;
        ContentHash = contentHash;
        _questions = sections.SelectMany(s => s.Questions).ToArray();
        QuestionsByCode = _questions.ToFrozenDictionary(q => q.Code, StringComparer.Ordinal);
    }

    /// <summary>Program code, e.g. <c>DRL-AUTO</c>.</summary>
    public string Program { get; }

    /// <summary>Version, e.g. <c>2025.1</c>.</summary>
    public string Version { get; }

    public LocalizedText Title { get; }

    public IReadOnlyList<SectionDefinition> Sections { get; }

    /// <summary>
    /// Lower-case hex SHA-256 of the canonical form of the file: the JSON re-serialised without indentation,
    /// properties in document order, numbers as written, strings re-escaped by System.Text.Json. Whitespace and
    /// line endings do not change it; any change of content or of property order does.
    /// </summary>
    public string ContentHash { get; }

    /// <summary>Every question in document order (section by section).</summary>
    public IReadOnlyList<QuestionDefinition> Questions => _questions;

    public IReadOnlyDictionary<string, QuestionDefinition> QuestionsByCode { get; }

    public QuestionDefinition? FindQuestion(string code) => QuestionsByCode.GetValueOrDefault(code);

    internal ReadOnlySpan<QuestionDefinition> QuestionSpan => _questions;
}
