using System.Globalization;

namespace Certify.Domain.Questionnaires;

/// <summary>
/// One answer: an option value, a set of option values, a number, a date or a text. Build it with the static
/// factories; read it through <see cref="Kind"/> and the matching property.
/// </summary>
public sealed class AnswerValue : IEquatable<AnswerValue>
{
    private readonly string? _choice;
    private readonly string[] _choices;
    private readonly decimal _number;
    private readonly DateOnly _date;
    private readonly string? _text;

    private AnswerValue(AnswerKind kind, string? choice = null, string[]? choices = null, decimal number = 0, DateOnly date = default, string? text = null)
    {
        Kind = kind;
        _choice = choice;
        _choices = choices ?? [];
        _number = number;
        _date = date;
        _text = text;
    }

    public AnswerKind Kind { get; }

    /// <summary>The selected option value when <see cref="Kind"/> is <see cref="AnswerKind.Choice"/>.</summary>
    public string? ChoiceValue => _choice;

    /// <summary>The selected option values, without repeats, when <see cref="Kind"/> is <see cref="AnswerKind.Choices"/>; empty otherwise.</summary>
    public IReadOnlyList<string> ChoiceValues => _choices;

    public decimal? NumberValue => Kind == AnswerKind.Number ? _number : null;

    public DateOnly? DateValue => Kind == AnswerKind.Date ? _date : null;

    public string? TextValue => _text;

    public static AnswerValue Choice(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return new AnswerValue(AnswerKind.Choice, choice: value);
    }

    public static AnswerValue Choices(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var distinct = values.Distinct(StringComparer.Ordinal).ToArray();
        foreach (var value in distinct)
        {
            ArgumentException.ThrowIfNullOrEmpty(value, nameof(values));
        }

        return new AnswerValue(AnswerKind.Choices, choices: distinct);
    }

    public static AnswerValue Choices(params string[] values) => Choices((IEnumerable<string>)values);

    public static AnswerValue Number(decimal value) => new(AnswerKind.Number, number: value);

    public static AnswerValue Date(DateOnly value) => new(AnswerKind.Date, date: value);

    public static AnswerValue Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new AnswerValue(AnswerKind.Text, text: value);
    }

    /// <summary>Whether this answer selects the option <paramref name="optionValue"/>.</summary>
    public bool Includes(string optionValue) => Kind switch
    {
        AnswerKind.Choice => string.Equals(_choice, optionValue, StringComparison.Ordinal),
        AnswerKind.Choices => Array.IndexOf(_choices, optionValue) >= 0,
        _ => false,
    };

    public bool Equals(AnswerValue? other)
    {
        if (other is null || other.Kind != Kind)
        {
            return false;
        }

        return Kind switch
        {
            AnswerKind.Choice => string.Equals(_choice, other._choice, StringComparison.Ordinal),
            // A multiple choice is a set: the order the boxes were ticked in does not change the answer.
            AnswerKind.Choices => _choices.Length == other._choices.Length && _choices.All(other.Includes),
            AnswerKind.Number => _number == other._number,
            AnswerKind.Date => _date == other._date,
            _ => string.Equals(_text, other._text, StringComparison.Ordinal),
        };
    }

    public override bool Equals(object? obj) => Equals(obj as AnswerValue);

    public override int GetHashCode() => Kind switch
    {
        AnswerKind.Choice => HashCode.Combine(Kind, _choice),
        AnswerKind.Choices => HashCode.Combine(Kind, _choices.Length),
        AnswerKind.Number => HashCode.Combine(Kind, _number),
        AnswerKind.Date => HashCode.Combine(Kind, _date),
        _ => HashCode.Combine(Kind, _text),
    };

    public override string ToString() => Kind switch
    {
        AnswerKind.Choice => _choice!,
        AnswerKind.Choices => "[" + string.Join(", ", _choices) + "]",
        AnswerKind.Number => _number.ToString(CultureInfo.InvariantCulture),
        AnswerKind.Date => _date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => _text!,
    };
}
