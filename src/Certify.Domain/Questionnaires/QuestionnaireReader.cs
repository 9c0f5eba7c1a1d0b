using System.Globalization;
using System.Text.Json;

namespace Certify.Domain.Questionnaires;

/// <summary>Builds a <see cref="QuestionnaireDefinition"/> from a schema-valid document and checks its meaning.</summary>
internal sealed class QuestionnaireReader(string fileName)
{
    private readonly JsonFieldReader _fields = new(fileName);

    /// <summary>Every question code in the file with the path and document position of its first use.</summary>
    private readonly Dictionary<string, (string Path, int Position)> _codes = new(StringComparer.Ordinal);

    /// <summary>Questions built so far, for the showIf checks (which may only look backwards).</summary>
    private readonly Dictionary<string, QuestionDefinition> _built = new(StringComparer.Ordinal);

    public List<LoadError> Errors => _fields.Errors;

    public QuestionnaireDefinition? Read(JsonElement root, string contentHash)
    {
        const string path = JsonPaths.Root;
        if (!_fields.IsObject(root, path))
        {
            return null;
        }

        var program = _fields.String(root, path, "program");
        var version = _fields.String(root, path, "version");
        var title = _fields.Text(root, path, "title");
        var sectionsElement = _fields.Array(root, path, "sections");
        if (sectionsElement is not { } sectionsArray)
        {
            return null;
        }

        var sectionsPath = JsonPaths.Property(path, "sections");
        if (sectionsArray.GetArrayLength() == 0)
        {
            _fields.Error(sectionsPath, "a questionnaire needs at least one section");
        }

        IndexQuestionCodes(sectionsArray, sectionsPath);

        var sections = new List<SectionDefinition>();
        var sectionPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        var index = 0;
        foreach (var sectionElement in sectionsArray.EnumerateArray())
        {
            var section = ReadSection(sectionElement, JsonPaths.Index(sectionsPath, index++), sectionPaths, ref position);
            if (section is not null)
            {
                sections.Add(section);
            }
        }

        if (Errors.Count > 0 || program is null || version is null || title is null)
        {
            return null;
        }

        return new QuestionnaireDefinition(program, version, title, [.. sections], contentHash);
    }

    private void IndexQuestionCodes(JsonElement sections, string sectionsPath)
    {
        var position = 0;
        var sectionIndex = 0;
        foreach (var section in sections.EnumerateArray())
        {
            var sectionPath = JsonPaths.Index(sectionsPath, sectionIndex++);
            if (section.ValueKind != JsonValueKind.Object
                || !section.TryGetProperty("questions", out var questions)
                || questions.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var questionIndex = 0;
            foreach (var question in questions.EnumerateArray())
            {
                var questionPath = JsonPaths.Index(JsonPaths.Property(sectionPath, "questions"), questionIndex++);
                if (question.ValueKind == JsonValueKind.Object
                    && question.TryGetProperty("code", out var codeElement)
                    && codeElement.ValueKind == JsonValueKind.String
                    && codeElement.GetString() is { Length: > 0 } code)
                {
                    if (_codes.TryGetValue(code, out var first))
                    {
                        _fields.Error(JsonPaths.Property(questionPath, "code"), $"question code {code} is already used at {first.Path}");
                    }
                    else
                    {
                        _codes.Add(code, (questionPath, position));
                    }
                }

                position++;
            }
        }
    }

    private SectionDefinition? ReadSection(JsonElement element, string path, Dictionary<string, string> sectionPaths, ref int position)
    {
        if (!_fields.IsObject(element, path))
        {
            return null;
        }

        var code = _fields.String(element, path, "code");
        if (code is not null && !sectionPaths.TryAdd(code, path))
        {
            _fields.Error(JsonPaths.Property(path, "code"), $"section code {code} is already used at {sectionPaths[code]}");
        }

        var weight = _fields.Number(element, path, "weight", required: false) ?? 1m;
        if (weight <= 0)
        {
            _fields.Error(JsonPaths.Property(path, "weight"), $"section weight must be positive, found {Format(weight)}");
        }

        var title = _fields.Text(element, path, "title");
        var description = _fields.Text(element, path, "description", required: false);
        var questionsPath = JsonPaths.Property(path, "questions");
        var questions = new List<QuestionDefinition>();
        if (_fields.Array(element, path, "questions") is { } questionsArray)
        {
            if (questionsArray.GetArrayLength() == 0)
            {
                _fields.Error(questionsPath, "a section needs at least one question");
            }

            var index = 0;
            foreach (var questionElement in questionsArray.EnumerateArray())
            {
                var question = ReadQuestion(questionElement, JsonPaths.Index(questionsPath, index++), code ?? "?", position++);
                if (question is not null)
                {
                    questions.Add(question);
                    _built.TryAdd(question.Code, question);
                }
            }
        }

        return code is null || title is null ? null : new SectionDefinition(code, weight, title, description, [.. questions]);
    }

    private QuestionDefinition? ReadQuestion(JsonElement element, string path, string sectionCode, int position)
    {
        if (!_fields.IsObject(element, path))
        {
            return null;
        }

        var errorsBefore = Errors.Count;
        var code = _fields.String(element, path, "code");
        var label = code ?? path;
        var text = _fields.Text(element, path, "text");
        var help = _fields.Text(element, path, "help", required: false);
        var legalBasis = ReadLegalBasis(element, path);
        var type = ReadAnswerType(element, path);
        var required = _fields.Boolean(element, path, "required") ?? true;
        var scored = (_fields.Boolean(element, path, "scored") ?? true) && type != AnswerType.Text;

        var weight = 0m;
        Severity? severity = null;
        if (scored)
        {
            if (_fields.Number(element, path, "weight") is { } value)
            {
                weight = value;
                if (value <= 0)
                {
                    _fields.Error(JsonPaths.Property(path, "weight"), $"weight must be positive for a scored question, found {Format(value)}");
                }
            }

            severity = ReadSeverity(element, path);
        }

        var options = type is { } t && IsChoice(t) ? ReadOptions(element, path, t, label, scored) : [];
        if (type is { } other && !IsChoice(other) && element.TryGetProperty("options", out _))
        {
            _fields.Error(JsonPaths.Property(path, "options"), $"options are allowed only on yesNoNa, singleChoice and multipleChoice questions; {label} is a {Name(other)} question");
        }

        var ranges = ReadRanges(element, path, type, label, scored);
        var maxAgeMonths = ReadMaxAge(element, path, type, label, scored);
        var evidence = ReadEvidence(element, path, type, label, options);
        var (showIf, showIfPositions) = ReadShowIf(element, path, label, position);

        if (Errors.Count > errorsBefore || code is null || text is null || type is null)
        {
            return null;
        }

        return new QuestionDefinition(
            code, sectionCode, position, text, help, legalBasis, type.Value, required, scored, weight, severity,
            options, ranges, maxAgeMonths, evidence, showIf, showIfPositions);
    }

    /// <summary>A citation written once for both languages, or a pair when its description needs translating.</summary>
    private LocalizedText? ReadLegalBasis(JsonElement element, string path)
    {
        if (element.TryGetProperty("legalBasis", out var value) && value.ValueKind == JsonValueKind.Object)
        {
            return _fields.Text(element, path, "legalBasis");
        }

        return _fields.String(element, path, "legalBasis", required: false) is { } citation ? new LocalizedText(citation, citation) : null;
    }

    private AnswerType? ReadAnswerType(JsonElement element, string path)
    {
        var name = _fields.String(element, path, "type");
        AnswerType? type = name switch
        {
            null => null,
            "yesNoNa" => AnswerType.YesNoNa,
            "singleChoice" => AnswerType.SingleChoice,
            "multipleChoice" => AnswerType.MultipleChoice,
            "number" => AnswerType.Number,
            "date" => AnswerType.Date,
            "text" => AnswerType.Text,
            _ => null,
        };
        if (name is not null && type is null)
        {
            _fields.Error(JsonPaths.Property(path, "type"), $"type must be one of yesNoNa, singleChoice, multipleChoice, number, date, text; found '{name}'");
        }

        return type;
    }

    private Severity? ReadSeverity(JsonElement element, string path)
    {
        var name = _fields.String(element, path, "severity");
        Severity? severity = name switch
        {
            null => null,
            "critical" => Severity.Critical,
            "major" => Severity.Major,
            "minor" => Severity.Minor,
            _ => null,
        };
        if (name is not null && severity is null)
        {
            _fields.Error(JsonPaths.Property(path, "severity"), $"severity must be one of critical, major, minor; found '{name}'");
        }

        return severity;
    }

    private AnswerOption[] ReadOptions(JsonElement element, string path, AnswerType type, string label, bool scored)
    {
        var optionsPath = JsonPaths.Property(path, "options");
        if (_fields.Array(element, path, "options") is not { } array)
        {
            return [];
        }

        var options = new List<AnswerOption>();
        var index = 0;
        foreach (var optionElement in array.EnumerateArray())
        {
            var optionPath = JsonPaths.Index(optionsPath, index++);
            if (!_fields.IsObject(optionElement, optionPath))
            {
                continue;
            }

            var value = _fields.String(optionElement, optionPath, "value");
            var optionLabel = _fields.Text(optionElement, optionPath, "label");
            var compliance = ReadCompliance(optionElement, optionPath, scored, () => $"option '{value}' of {label} has no compliance");
            if (value is null || optionLabel is null)
            {
                continue;
            }

            if (options.Exists(o => o.Value == value))
            {
                _fields.Error(JsonPaths.Property(optionPath, "value"), $"option value '{value}' appears twice in {label}");
                continue;
            }

            options.Add(new AnswerOption(value, optionLabel, compliance));
        }

        var values = options.Select(o => o.Value).ToArray();
        if (type == AnswerType.YesNoNa)
        {
            if (!values.SequenceEqual(["yes", "no", "na"]))
            {
                _fields.Error(optionsPath, $"a yesNoNa question must have exactly the options yes, no, na in that order; {label} has {List(values)}");
            }
        }
        else if (array.GetArrayLength() < 2)
        {
            _fields.Error(optionsPath, $"a {Name(type)} question needs at least two options; {label} has {array.GetArrayLength()}");
        }

        return [.. options];
    }

    /// <summary>Reads 0..1 or "na" (null). A missing compliance is an error only where it would be scored.</summary>
    private decimal? ReadCompliance(JsonElement element, string path, bool scored, Func<string> missingReason)
    {
        if (!element.TryGetProperty("compliance", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (scored)
            {
                _fields.Error(path, missingReason());
            }

            return null;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() == "na")
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) && number is >= 0 and <= 1)
        {
            return number;
        }

        _fields.Error(JsonPaths.Property(path, "compliance"), $"compliance must be a number from 0 to 1 or \"na\", found {JsonFieldReader.Describe(value)}");
        return null;
    }

    private NumberRange[] ReadRanges(JsonElement element, string path, AnswerType? type, string label, bool scored)
    {
        var rangesPath = JsonPaths.Property(path, "ranges");
        if (type != AnswerType.Number)
        {
            if (type is { } other && element.TryGetProperty("ranges", out _))
            {
                _fields.Error(rangesPath, $"ranges are allowed only on number questions; {label} is a {Name(other)} question");
            }

            return [];
        }

        if (_fields.Array(element, path, "ranges", required: false) is not { } array || array.GetArrayLength() == 0)
        {
            if (scored)
            {
                _fields.Error(path, $"{label} is a scored number question without ranges, so no answer could be scored; add ranges or set scored to false");
            }

            return [];
        }

        var ranges = new List<NumberRange>();
        var index = 0;
        foreach (var rangeElement in array.EnumerateArray())
        {
            var rangeIndex = index++;
            var rangePath = JsonPaths.Index(rangesPath, rangeIndex);
            if (!_fields.IsObject(rangeElement, rangePath))
            {
                continue;
            }

            var min = _fields.Number(rangeElement, rangePath, "min", required: false);
            var max = _fields.Number(rangeElement, rangePath, "max", required: false);
            var compliance = ReadCompliance(rangeElement, rangePath, scored, () => $"range {rangeIndex} of {label} has no compliance");
            if (min is { } low && max is { } high && low > high)
            {
                _fields.Error(rangePath, $"range min {Format(low)} is greater than max {Format(high)}");
            }

            ranges.Add(new NumberRange(min, max, compliance));
        }

        return [.. ranges];
    }

    private int? ReadMaxAge(JsonElement element, string path, AnswerType? type, string label, bool scored)
    {
        if (type != AnswerType.Date)
        {
            if (type is { } other && element.TryGetProperty("maxAgeMonths", out _))
            {
                _fields.Error(JsonPaths.Property(path, "maxAgeMonths"), $"maxAgeMonths is allowed only on date questions; {label} is a {Name(other)} question");
            }

            return null;
        }

        var months = _fields.Integer(element, path, "maxAgeMonths", required: false);
        if (months is <= 0)
        {
            _fields.Error(JsonPaths.Property(path, "maxAgeMonths"), $"maxAgeMonths must be positive, found {months}");
        }
        else if (months is null && scored && !element.TryGetProperty("maxAgeMonths", out _))
        {
            _fields.Error(path, $"{label} is a scored date question without maxAgeMonths, so no answer could be scored; add maxAgeMonths or set scored to false");
        }

        return months;
    }

    private EvidenceRule ReadEvidence(JsonElement element, string path, AnswerType? type, string label, AnswerOption[] options)
    {
        if (_fields.Object(element, path, "evidence", required: false) is not { } evidence)
        {
            return EvidenceRule.None;
        }

        var evidencePath = JsonPaths.Property(path, "evidence");
        var ruleName = _fields.String(evidence, evidencePath, "rule");
        EvidenceRequirement? rule = ruleName switch
        {
            null => null,
            "required" => EvidenceRequirement.Required,
            "optional" => EvidenceRequirement.Optional,
            "none" => EvidenceRequirement.None,
            _ => null,
        };
        if (ruleName is not null && rule is null)
        {
            _fields.Error(JsonPaths.Property(evidencePath, "rule"), $"rule must be one of required, optional, none; found '{ruleName}'");
        }

        var whenAnswers = new List<string>();
        if (_fields.Array(evidence, evidencePath, "whenAnswers", required: false) is { } array && array.GetArrayLength() > 0)
        {
            var whenPath = JsonPaths.Property(evidencePath, "whenAnswers");
            if (type is { } t && !IsChoice(t))
            {
                _fields.Error(whenPath, $"whenAnswers needs a choice question; {label} is a {Name(t)} question");
            }
            else
            {
                var index = 0;
                foreach (var item in array.EnumerateArray())
                {
                    var itemPath = JsonPaths.Index(whenPath, index++);
                    var value = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                    if (value is null)
                    {
                        _fields.Error(itemPath, $"whenAnswers must list option values, found {JsonFieldReader.Describe(item)}");
                    }
                    else if (type is not null && !options.Any(o => o.Value == value))
                    {
                        _fields.Error(itemPath, $"whenAnswers lists '{value}', which is not an option of {label} (options: {List(options.Select(o => o.Value))})");
                    }
                    else
                    {
                        whenAnswers.Add(value);
                    }
                }
            }
        }

        var hint = _fields.Text(evidence, evidencePath, "hint", required: false);
        return new EvidenceRule(rule ?? EvidenceRequirement.None, [.. whenAnswers], hint);
    }

    private (ShowIf? ShowIf, int[] Positions) ReadShowIf(JsonElement element, string path, string label, int position)
    {
        if (_fields.Object(element, path, "showIf", required: false) is not { } showIf)
        {
            return (null, []);
        }

        var showIfPath = JsonPaths.Property(path, "showIf");
        var hasAny = showIf.TryGetProperty("any", out _);
        var hasAll = showIf.TryGetProperty("all", out _);
        if (hasAny == hasAll)
        {
            _fields.Error(showIfPath, "showIf must have exactly one of 'any' and 'all'");
            return (null, []);
        }

        var mode = hasAll ? ShowIfMode.All : ShowIfMode.Any;
        var modeName = hasAll ? "all" : "any";
        if (_fields.Array(showIf, showIfPath, modeName) is not { } array)
        {
            return (null, []);
        }

        var conditionsPath = JsonPaths.Property(showIfPath, modeName);
        if (array.GetArrayLength() == 0)
        {
            _fields.Error(conditionsPath, "showIf needs at least one condition");
        }

        var conditions = new List<ShowIfCondition>();
        var positions = new List<int>();
        var index = 0;
        foreach (var conditionElement in array.EnumerateArray())
        {
            var conditionPath = JsonPaths.Index(conditionsPath, index++);
            if (_fields.IsObject(conditionElement, conditionPath)
                && ReadCondition(conditionElement, conditionPath, label, position) is { } resolved)
            {
                conditions.Add(resolved.Condition);
                positions.Add(resolved.Position);
            }
        }

        return (new ShowIf(mode, [.. conditions]), [.. positions]);
    }

    private (ShowIfCondition Condition, int Position)? ReadCondition(JsonElement element, string path, string label, int position)
    {
        var target = _fields.String(element, path, "question");
        var values = ReadConditionValues(element, path);
        if (target is null || values is null)
        {
            return null;
        }

        var questionPath = JsonPaths.Property(path, "question");
        if (!_codes.TryGetValue(target, out var referenced))
        {
            _fields.Error(questionPath, $"showIf refers to {target}, which does not exist in this questionnaire");
            return null;
        }

        if (referenced.Position == position)
        {
            _fields.Error(questionPath, $"showIf of {label} refers to the question itself");
            return null;
        }

        if (referenced.Position > position)
        {
            _fields.Error(questionPath, $"showIf refers to {target}, which comes after {label}");
            return null;
        }

        if (!_built.TryGetValue(target, out var question))
        {
            // The earlier question failed to load; its own errors say why.
            return null;
        }

        if (!question.IsChoice)
        {
            _fields.Error(questionPath, $"showIf refers to {target}, a {Name(question.Type)} question; conditions need a choice question");
            return null;
        }

        var valid = true;
        foreach (var (value, valuePath) in values)
        {
            if (question.FindOption(value) is null)
            {
                _fields.Error(valuePath, $"showIf refers to option '{value}', which {target} does not have (options: {List(question.Options.Select(o => o.Value))})");
                valid = false;
            }
        }

        return valid ? (new ShowIfCondition(target, [.. values.Select(v => v.Value)]), referenced.Position) : null;
    }

    private List<(string Value, string Path)>? ReadConditionValues(JsonElement element, string path)
    {
        var hasEquals = element.TryGetProperty("equals", out var equals);
        var hasIn = element.TryGetProperty("in", out var inValues);
        if (hasEquals == hasIn)
        {
            _fields.Error(path, "a showIf condition must have exactly one of 'equals' and 'in'");
            return null;
        }

        if (hasEquals)
        {
            var equalsPath = JsonPaths.Property(path, "equals");
            if (equals.ValueKind != JsonValueKind.String)
            {
                _fields.Error(equalsPath, $"'equals' must be an option value, found {JsonFieldReader.Describe(equals)}");
                return null;
            }

            return [(equals.GetString()!, equalsPath)];
        }

        var inPath = JsonPaths.Property(path, "in");
        if (inValues.ValueKind != JsonValueKind.Array || inValues.GetArrayLength() == 0)
        {
            _fields.Error(inPath, $"'in' must be a non-empty array of option values, found {JsonFieldReader.Describe(inValues)}");
            return null;
        }

        var values = new List<(string, string)>();
        var index = 0;
        foreach (var item in inValues.EnumerateArray())
        {
            var itemPath = JsonPaths.Index(inPath, index++);
            if (item.ValueKind != JsonValueKind.String)
            {
                _fields.Error(itemPath, $"'in' must list option values, found {JsonFieldReader.Describe(item)}");
                return null;
            }

            values.Add((item.GetString()!, itemPath));
        }

        return values;
    }

    private static bool IsChoice(AnswerType type) => type is AnswerType.YesNoNa or AnswerType.SingleChoice or AnswerType.MultipleChoice;

    private static string Name(AnswerType type) => type switch
    {
        AnswerType.YesNoNa => "yesNoNa",
        AnswerType.SingleChoice => "singleChoice",
        AnswerType.MultipleChoice => "multipleChoice",
        AnswerType.Number => "number",
        AnswerType.Date => "date",
        _ => "text",
    };

    private static string List(IEnumerable<string> values)
    {
        var text = string.Join(", ", values);
        return text.Length == 0 ? "none" : text;
    }

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
