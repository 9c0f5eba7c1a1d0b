using System.Diagnostics.CodeAnalysis;
using Certify.Domain.Evidence;
using Certify.Domain.Questionnaires;
using Certify.Domain.Scoring;

namespace Certify.Web.Features.Assessments;

/// <summary>One autosave: the question's answer and comment as they are now, and the version they replace.</summary>
public sealed record AnswerChange(string QuestionCode, AnswerValue? Value, string? Comment, long ExpectedVersion);

/// <summary>
/// Where the editor writes. The page binds these to <see cref="AssessmentService"/> for the signed-in user; component
/// tests pass fakes, so the questionnaire can be driven without a database.
/// </summary>
public sealed record EditorActions(
    Func<AnswerChange, Task<SaveAnswerResult>> Save,
    Func<string, Stream, string, Task<UploadResult>> Upload,
    Func<long, Task<bool>> DeleteEvidence,
    Func<long, Task<bool>> ConfirmEvidence);

public enum SaveState { None, Saving, Saved, Conflict, Frozen, Invalid, Failed }

/// <summary>Autosave state of one question; <see cref="Theirs"/> is the other person's answer when in conflict.</summary>
public sealed record SaveStatus(SaveState State, DateTimeOffset? SavedAt = null, SavedAnswer? Theirs = null);

public sealed record UploadStatus(bool Busy, EvidenceRejection Rejection = EvidenceRejection.None, FileFailure Failure = FileFailure.None);

/// <summary>What went wrong with a question's files: an upload, or a removal or confirmation of a listed file.</summary>
public enum FileFailure { None, Upload, Change }

/// <summary>
/// The state of a questionnaire being answered in one browser tab: answers as the user sees them, the version each
/// was loaded or saved with, autosave status, evidence, and what visibility, completeness and score follow from them.
/// Saves of one question run one after another so each carries the version the previous one returned.
/// </summary>
public sealed class AssessmentEditor
{
    private static readonly SaveStatus NoStatus = new(SaveState.None);
    private static readonly UploadStatus NoUpload = new(Busy: false);

    private readonly EditorActions _actions;
    private readonly ILogger _logger;
    private readonly DateOnly _today;
    private readonly Dictionary<string, AnswerValue> _answers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _comments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SaveStatus> _status = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UploadStatus> _uploads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _pending = new(StringComparer.Ordinal);
    private readonly List<EvidenceItem> _evidence;
    private bool _frozen;
    private string? _focus;

    public AssessmentEditor(AssessmentView view, DateOnly today, EditorActions actions, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(logger);
        View = view;
        _today = today;
        _actions = actions;
        _logger = logger;
        foreach (var saved in view.Answers.Values)
        {
            if (saved.Value is not null)
            {
                _answers[saved.QuestionCode] = saved.Value;
            }

            _comments[saved.QuestionCode] = saved.Comment;
            _versions[saved.QuestionCode] = saved.Version;
            _status[saved.QuestionCode] = new SaveStatus(SaveState.Saved, saved.UpdatedAt);
        }

        _evidence = [.. view.Evidence];
        CurrentSection = view.Definition.Sections[0].Code;
        Recompute();
    }

    public AssessmentView View { get; }

    public QuestionnaireDefinition Definition => View.Definition;

    /// <summary>False once submitted, or as soon as a save learns that someone else submitted meanwhile.</summary>
    public bool Editable => View.Editable && !_frozen;

    /// <summary>Whether this question's answer, comment and evidence may change (while changes are requested, only unlocked ones).</summary>
    public bool IsEditable(string code) => !_frozen && View.IsEditable(code);

    /// <summary>"Solo preguntas con cambios solicitados": show the unlocked questions of every section instead of one section.</summary>
    public bool ChangesOnly { get; set; }

    /// <summary>The visible questions the auditor asked to change, in questionnaire order.</summary>
    public IEnumerable<QuestionDefinition> ChangeRequestedQuestions() =>
        Definition.Questions.Where(q => Visible.Contains(q.Code) && View.ChangeRequestFor(q.Code) is not null);

    /// <summary>Code of the section whose questions are shown.</summary>
    public string CurrentSection { get; set; }

    public AnswerSheet Sheet { get; private set; }

    public IReadOnlySet<string> Visible { get; private set; }

    public ScoreResult Score { get; private set; }

    public SectionDefinition Section(string code) => Definition.Sections.First(s => s.Code == code);

    public IEnumerable<QuestionDefinition> VisibleQuestions(string sectionCode) =>
        Section(sectionCode).Questions.Where(q => Visible.Contains(q.Code));

    /// <summary>Visible questions of the section, or of the whole questionnaire when <paramref name="sectionCode"/> is null.</summary>
    public int VisibleCount(string? sectionCode = null) => InScope(sectionCode).Count();

    /// <summary>Visible questions with a usable answer, in the section or overall.</summary>
    public int AnsweredCount(string? sectionCode = null) => InScope(sectionCode).Count(q => q.Accepts(AnswerOf(q.Code)));

    public AnswerValue? AnswerOf(string code) => _answers.GetValueOrDefault(code);

    public string? CommentOf(string code) => _comments.GetValueOrDefault(code);

    public SaveStatus StatusOf(string code) => _status.GetValueOrDefault(code) ?? NoStatus;

    public UploadStatus UploadOf(string code) => _uploads.GetValueOrDefault(code) ?? NoUpload;

    public IReadOnlyList<EvidenceItem> EvidenceFor(string code) => _evidence.Where(e => e.QuestionCode == code).ToList();

    /// <summary>Whether the current answer asks for evidence that has not been attached yet.</summary>
    public bool MissingEvidence(QuestionDefinition question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return Visible.Contains(question.Code)
            && _answers.TryGetValue(question.Code, out var answer)
            && question.Accepts(answer)
            && question.Evidence.AppliesTo(answer)
            && Sheet.EvidenceCount(question.Code) == 0;
    }

    public IReadOnlyList<MissingItem> Missing() => Completeness.Check(Definition, Sheet);

    /// <summary>Shows the answer at once (visibility and score follow) and saves it; null clears the answer.</summary>
    public Task SetAnswerAsync(string code, AnswerValue? value)
    {
        if (value is null)
        {
            _answers.Remove(code);
        }
        else
        {
            _answers[code] = value;
        }

        Recompute();
        return EnqueueSave(code);
    }

    public Task SetCommentAsync(string code, string? comment)
    {
        _comments[code] = comment;
        return EnqueueSave(code);
    }

    /// <summary>"Use their answer": take the other person's saved answer and version; nothing is written.</summary>
    public void UseTheirs(string code)
    {
        var theirs = StatusOf(code).Theirs;
        if (theirs?.Value is { } value)
        {
            _answers[code] = value;
        }
        else
        {
            _answers.Remove(code);
        }

        _comments[code] = theirs?.Comment;
        _versions[code] = theirs?.Version ?? 0;
        _status[code] = theirs is null ? NoStatus : new SaveStatus(SaveState.Saved, theirs.UpdatedAt);
        Recompute();
    }

    /// <summary>"Keep mine": save this answer again, now over the version the other person saved.</summary>
    public Task KeepMineAsync(string code)
    {
        _versions[code] = StatusOf(code).Theirs?.Version ?? 0;
        return EnqueueSave(code);
    }

    public Task RetryAsync(string code) => EnqueueSave(code);

    public async Task UploadAsync(string code, Stream content, string fileName)
    {
        _uploads[code] = new UploadStatus(Busy: true);
        UploadResult result;
        try
        {
            result = await _actions.Upload(code, content, fileName);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Keep the circuit alive: the user sees the failure on this question and can try again.
            _logger.LogError(ex, "Evidence upload for {Question} failed", code);
            _uploads[code] = new UploadStatus(Busy: false, Failure: FileFailure.Upload);
            return;
        }

        _uploads[code] = result.Outcome switch
        {
            UploadOutcome.Rejected => new UploadStatus(Busy: false, result.Rejection),
            UploadOutcome.NotFound => new UploadStatus(Busy: false, Failure: FileFailure.Upload),
            _ => NoUpload,
        };
        if (result.Outcome == UploadOutcome.Stored)
        {
            _evidence.Add(result.File!);
            Recompute();
        }

        _frozen |= result.Outcome == UploadOutcome.Frozen;
    }

    /// <summary>Refusal decided before the file reached the server (the browser said it is too large).</summary>
    public void RejectUpload(string code, EvidenceRejection rejection) => _uploads[code] = new UploadStatus(Busy: false, rejection);

    public async Task DeleteEvidenceAsync(EvidenceItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (await _actions.DeleteEvidence(item.Id))
        {
            _evidence.Remove(item);
            _uploads.Remove(item.QuestionCode);
            Recompute();
        }
        else
        {
            _uploads[item.QuestionCode] = new UploadStatus(Busy: false, Failure: FileFailure.Change);
        }
    }

    /// <summary>The company says a file carried over by a renewal still holds.</summary>
    public async Task ConfirmEvidenceAsync(EvidenceItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (await _actions.ConfirmEvidence(item.Id))
        {
            _evidence[_evidence.IndexOf(item)] = item with { PendingConfirmation = false };
            _uploads.Remove(item.QuestionCode);
            Recompute();
        }
        else
        {
            _uploads[item.QuestionCode] = new UploadStatus(Busy: false, Failure: FileFailure.Change);
        }
    }

    /// <summary>Shows the question's section and asks its card to take focus (which scrolls to it) after the next render.</summary>
    public void GoTo(string code)
    {
        if (Definition.FindQuestion(code) is { } question)
        {
            CurrentSection = question.SectionCode;
            ChangesOnly &= View.ChangeRequestFor(code) is not null;
            _focus = code;
        }
    }

    /// <summary>Link to a question's card on this page (the page's own path: the app's base href is the site root).</summary>
    public string Anchor(string code) => $"empresas/{View.CompanyId}/evaluaciones/{View.Id}#q-{code}";

    /// <summary>True once for the card that <see cref="GoTo"/> asked to take focus.</summary>
    public bool TakeFocus(string code)
    {
        if (!string.Equals(_focus, code, StringComparison.Ordinal))
        {
            return false;
        }

        _focus = null;
        return true;
    }

    private IEnumerable<QuestionDefinition> InScope(string? sectionCode) =>
        (sectionCode is null ? Definition.Questions : Section(sectionCode).Questions).Where(q => Visible.Contains(q.Code));

    private Task EnqueueSave(string code)
    {
        _status[code] = new SaveStatus(SaveState.Saving);
        var next = SaveAfterAsync(_pending.GetValueOrDefault(code) ?? Task.CompletedTask, code);
        _pending[code] = next;
        return next;
    }

    private async Task SaveAfterAsync(Task previous, string code)
    {
        await previous;
        if (!IsEditable(code))
        {
            _status[code] = new SaveStatus(SaveState.Frozen);
            return;
        }

        SaveAnswerResult result;
        try
        {
            result = await _actions.Save(new AnswerChange(code, AnswerOf(code), CommentOf(code), _versions.GetValueOrDefault(code)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Keep the circuit alive: the answer stays on screen marked "not saved" with a retry button.
            _logger.LogError(ex, "Autosave of {Question} failed", code);
            _status[code] = new SaveStatus(SaveState.Failed);
            return;
        }

        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
                _versions[code] = result.Current!.Version;
                _status[code] = new SaveStatus(SaveState.Saved, result.Current.UpdatedAt);
                break;
            case SaveOutcome.Conflict:
                _status[code] = new SaveStatus(SaveState.Conflict, Theirs: result.Current);
                break;
            case SaveOutcome.Frozen:
                _frozen = true;
                _status[code] = new SaveStatus(SaveState.Frozen);
                break;
            case SaveOutcome.Invalid:
                _status[code] = new SaveStatus(SaveState.Invalid);
                break;
            default:
                _status[code] = new SaveStatus(SaveState.Failed);
                break;
        }
    }

    [MemberNotNull(nameof(Sheet), nameof(Visible), nameof(Score))]
    private void Recompute()
    {
        // The sheet wraps its dictionaries without copying; copies keep it stable while the user keeps typing.
        var answers = new Dictionary<string, AnswerValue>(_answers, StringComparer.Ordinal);
        Sheet = AnswerSheets.Of(answers, _evidence);
        Visible = Visibility.VisibleQuestions(Definition, answers);
        Score = Scorer.Score(Definition, Sheet, _today);
    }
}
