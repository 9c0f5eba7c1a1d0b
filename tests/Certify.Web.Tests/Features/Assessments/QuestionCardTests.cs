using System.Globalization;
using Bunit;
using Certify.Domain.Assessments;
using Certify.Domain.Evidence;
using Certify.Domain.Questionnaires;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Assessments;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Certify.Web.Tests.Infrastructure;
using Certify.Web.Features.Shared;

namespace Certify.Web.Tests.Features.Assessments;

/// <summary>
/// The question cards on the real DRL-AUTO questionnaire, driven by an <see cref="AssessmentEditor"/> whose saves go to
/// a fake instead of the database.
/// </summary>
public sealed class QuestionCardTests : BunitContext
{
    private static readonly Lazy<QuestionnaireDefinition> Questionnaire = new(LoadQuestionnaire);

    /// <summary>The seed's DRL-AUTO 2025.1 questionnaire, loaded once for every component test that needs one.</summary>
    internal static QuestionnaireDefinition DrlAuto => Questionnaire.Value;
    private static readonly DateTimeOffset LoadedAt = new(2026, 3, 2, 16, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 2);

    private readonly List<AnswerChange> _saves = [];
    private readonly List<(string Code, string FileName, long Length)> _uploads = [];
    private Func<AnswerChange, SaveAnswerResult> _server = Accept;
    private UploadResult _uploadResult = new(UploadOutcome.Rejected, EvidenceRejection.TypeNotAllowed);

    public QuestionCardTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es-MX");
        Services.AddLocalization();
        Services.AddSingleton(new EvidenceLimits());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void Render_Sub01_ShowsLegalBasisWithLabel()
    {
        var editor = Editor();

        var card = Render<QuestionCard>(p => p.Add(c => c.Editor, editor).Add(c => c.Question, Question("SUB-01")));

        var legalBasis = card.Find("#q-SUB-01 .legal-basis");
        Assert.Contains("Fundamento legal", legalBasis.TextContent, StringComparison.Ordinal);
        Assert.Contains("LFT arts. 12–13", legalBasis.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Sub06InEnglish_TranslatesTheLegalBasisDescriptionAndLinksItsAcronymsToTheGlossary()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en");
        var editor = Editor();

        var card = Render<QuestionCard>(p => p.Add(c => c.Editor, editor).Add(c => c.Question, Question("SUB-06")));

        Assert.Equal("Legal basis: LSS art. 15-A; INFONAVIT Law art. 29 Bis", card.Find("#q-SUB-06 .legal-basis").TextContent.Trim());
        var links = card.FindAll("#q-SUB-06 .glossary-terms a");
        Assert.Equal(["glosario#icsoe", "glosario#imss", "glosario#infonavit", "glosario#lss", "glosario#sisub"], links.Select(a => a.GetAttribute("href")));
        Assert.Equal("Mexican Social Security Institute", links[1].QuerySelector("abbr")!.GetAttribute("title"));
    }

    [Fact]
    public void Render_Sub02AnsweredNo_HidesDependentQuestions()
    {
        var editor = Editor(("SUB-02", "no", 2));

        var list = Render<QuestionList>(p => p.Add(c => c.Editor, editor).Add(c => c.SectionCode, "SUB"));

        Assert.Empty(list.FindAll("#q-SUB-03"));
        Assert.True(list.Find("#q-SUB-02-no").HasAttribute("checked"));
        Assert.NotEmpty(list.FindAll("#q-SUB-08"));
    }

    [Fact]
    public void ChangeGate_Sub02ToYes_ShowsSub03AndSavesOverLoadedVersion()
    {
        var editor = Editor(("SUB-02", "no", 2));
        var list = Render<QuestionList>(p => p.Add(c => c.Editor, editor).Add(c => c.SectionCode, "SUB"));

        list.Find("#q-SUB-02-yes").Change(true);

        Assert.NotEmpty(list.FindAll("#q-SUB-03"));
        var save = Assert.Single(_saves);
        Assert.Equal(new AnswerChange("SUB-02", AnswerValue.Choice("yes"), null, 2), save);
        Assert.Contains("Guardado", list.Find("[data-testid=save-status-SUB-02]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangeAnswer_SavedAt0742Utc_ShowsMexicoCityTime()
    {
        var savedAt = new DateTimeOffset(2026, 12, 2, 7, 42, 0, TimeSpan.Zero);
        _server = change => new(SaveOutcome.Saved, new SavedAnswer(change.QuestionCode, change.Value, change.Comment, change.ExpectedVersion + 1, savedAt, "Rosa"));
        var list = Render<QuestionList>(p => p.Add(c => c.Editor, Editor(("SUB-02", "no", 2))).Add(c => c.SectionCode, "SUB"));

        list.Find("#q-SUB-02-yes").Change(true);

        Assert.Contains("Guardado a las 01:42", list.Find("[data-testid=save-status-SUB-02]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangeAnswer_ConflictThenKeepMine_ShowsTheirsAndResavesOverTheirVersion()
    {
        var theirs = new SavedAnswer("SUB-02", AnswerValue.Choice("no"), "Sin contratistas", 5, LoadedAt, "Ana Colega");
        _server = change => change.ExpectedVersion == 5 ? Accept(change) : new SaveAnswerResult(SaveOutcome.Conflict, theirs);
        var editor = Editor();
        var list = Render<QuestionList>(p => p.Add(c => c.Editor, editor).Add(c => c.SectionCode, "SUB"));

        list.Find("#q-SUB-02-yes").Change(true);

        var banner = list.Find("[data-testid=conflict-SUB-02]");
        Assert.Contains("Ana Colega", banner.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sin contratistas", banner.TextContent, StringComparison.Ordinal);

        list.Find("#q-SUB-02-keep-mine").Click();

        Assert.Equal([0L, 5L], _saves.Select(s => s.ExpectedVersion));
        Assert.Equal(AnswerValue.Choice("yes"), _saves[^1].Value);
        Assert.Empty(list.FindAll("[data-testid=conflict-SUB-02]"));
        Assert.NotEmpty(list.FindAll("#q-SUB-03"));
    }

    [Fact]
    public void UseTheirs_AfterConflict_ShowsTheirAnswerWithoutSaving()
    {
        var theirs = new SavedAnswer("SUB-02", AnswerValue.Choice("no"), null, 5, LoadedAt, "Ana Colega");
        _server = _ => new SaveAnswerResult(SaveOutcome.Conflict, theirs);
        var editor = Editor();
        var list = Render<QuestionList>(p => p.Add(c => c.Editor, editor).Add(c => c.SectionCode, "SUB"));
        list.Find("#q-SUB-02-yes").Change(true);

        list.Find("#q-SUB-02-use-theirs").Click();

        Assert.Single(_saves);
        Assert.True(list.Find("#q-SUB-02-no").HasAttribute("checked"));
        Assert.False(list.Find("#q-SUB-02-yes").HasAttribute("checked"));
        Assert.Empty(list.FindAll("#q-SUB-03"));
        Assert.Empty(list.FindAll("[data-testid=conflict-SUB-02]"));
    }

    [Fact]
    public void Render_AnswerNeedsEvidenceWithoutFile_WarnsEvidenceMissing()
    {
        var editor = Editor(("SUB-02", "yes", 1));

        var card = Render<QuestionCard>(p => p.Add(c => c.Editor, editor).Add(c => c.Question, Question("SUB-02")));

        Assert.Contains("Falta evidencia", card.Find("[data-testid=evidence-missing-SUB-02]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(card.Find("input[type=file]#evidence-SUB-02"));
    }

    [Fact]
    public void UploadEvidence_Accepted_ListsFileAndClearsWarning()
    {
        var editor = Editor(("SUB-02", "yes", 1));
        _uploadResult = new UploadResult(UploadOutcome.Stored, File: new EvidenceItem(41, "SUB-02", "contratos.pdf", "application/pdf", 2048, "ab12", LoadedAt));
        var card = Render<QuestionCard>(p => p.Add(c => c.Editor, editor).Add(c => c.Question, Question("SUB-02")));
        var picker = card.FindComponent<InputFile>().Instance;

        card.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("%PDF-1.4\n%%EOF", "contratos.pdf", contentType: "application/pdf"));

        Assert.NotSame(picker, card.FindComponent<InputFile>().Instance);
        Assert.Equal(("SUB-02", "contratos.pdf", 14L), Assert.Single(_uploads));
        var link = card.Find("[data-testid=evidence-list-SUB-02] a");
        Assert.Equal("evidencias/41", link.GetAttribute("href"));
        Assert.Contains("2 KB", card.Find("[data-testid=evidence-list-SUB-02]").TextContent, StringComparison.Ordinal);
        Assert.Empty(card.FindAll("[data-testid=evidence-missing-SUB-02]"));
    }

    [Fact]
    public void UploadEvidence_TypeRejected_ExplainsAllowedTypes()
    {
        var editor = Editor(("SUB-02", "yes", 1));
        var card = Render<QuestionCard>(p => p.Add(c => c.Editor, editor).Add(c => c.Question, Question("SUB-02")));

        card.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("MZ", "setup.exe"));

        var error = card.Find("[data-testid=evidence-error-SUB-02]");
        Assert.Contains("solo PDF, PNG, JPEG, DOCX o XLSX", error.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(card.FindAll("[data-testid=evidence-missing-SUB-02]"));
    }

    [Fact]
    public void Render_Submitted_DisablesInputsAndHidesUpload()
    {
        var editor = Editor(AssessmentState.Submitted, ("SUB-02", "yes", 1));

        var card = Render<QuestionCard>(p => p.Add(c => c.Editor, editor).Add(c => c.Question, Question("SUB-02")));

        Assert.All(card.FindAll("input[type=radio], textarea"), input => Assert.True(input.HasAttribute("disabled"), input.Id));
        Assert.Empty(card.FindAll("input[type=file]"));
    }

    [Fact]
    public void Render_ChangesRequested_OnlyTheUnlockedCardIsEditableAndShowsTheAuditorsComment()
    {
        var editor = Editor(AssessmentState.ChangesRequested, [new ChangeRequest("SUB-02", "Adjunte los contratos firmados")], ("SUB-01", "yes", 1), ("SUB-02", "yes", 1));

        var unlocked = Render<QuestionCard>(p => p.Add(c => c.Editor, editor).Add(c => c.Question, Question("SUB-02")));
        var locked = Render<QuestionCard>(p => p.Add(c => c.Editor, editor).Add(c => c.Question, Question("SUB-01")));

        Assert.Contains("Adjunte los contratos firmados", unlocked.Find("[data-testid=change-request-SUB-02]").TextContent, StringComparison.Ordinal);
        Assert.All(unlocked.FindAll("input[type=radio], textarea"), input => Assert.False(input.HasAttribute("disabled"), input.Id));
        Assert.NotNull(unlocked.Find("input[type=file]#evidence-SUB-02"));
        Assert.Empty(locked.FindAll("[data-testid=change-request-SUB-01]"));
        Assert.All(locked.FindAll("input[type=radio], textarea"), input => Assert.True(input.HasAttribute("disabled"), input.Id));
        Assert.Empty(locked.FindAll("input[type=file]"));
    }

    private static SaveAnswerResult Accept(AnswerChange change) =>
        new(SaveOutcome.Saved, new SavedAnswer(change.QuestionCode, change.Value, change.Comment, change.ExpectedVersion + 1, LoadedAt, "Rosa"));

    private AssessmentEditor Editor(params (string Code, string Choice, long Version)[] answers) => Editor(AssessmentState.Draft, answers);

    private AssessmentEditor Editor(AssessmentState state, params (string Code, string Choice, long Version)[] answers) => Editor(state, [], answers);

    private AssessmentEditor Editor(AssessmentState state, IReadOnlyList<ChangeRequest> changes, params (string Code, string Choice, long Version)[] answers)
    {
        var saved = answers.ToDictionary(
            a => a.Code,
            a => new SavedAnswer(a.Code, AnswerValue.Choice(a.Choice), null, a.Version, LoadedAt, "Rosa"));
        var view = new AssessmentView(
            1, 7, "Autopartes del Bajío", 1, "DRL-AUTO", new LocalizedText("Distintivo", "Distinctive"), "CAPB (demo)",
            state, CompanyRole.Owner, Questionnaire.Value, saved, [], LoadedAt, null) { ChangeRequests = changes };
        var actions = new EditorActions(
            change =>
            {
                _saves.Add(change);
                return Task.FromResult(_server(change));
            },
            (code, content, fileName) =>
            {
                _uploads.Add((code, fileName, content.Length));
                return Task.FromResult(_uploadResult);
            },
            _ => throw new InvalidOperationException("No delete expected."),
            _ => throw new InvalidOperationException("No confirmation expected."));
        return new AssessmentEditor(view, Today, actions, NullLogger.Instance);
    }

    private static QuestionDefinition Question(string code) => Questionnaire.Value.FindQuestion(code)!;

    private static QuestionnaireDefinition LoadQuestionnaire()
    {
        var folder = RepositoryFiles.PathOf("seed", "questionnaires");
        using var json = File.OpenRead(Path.Combine(folder, "drl-auto-2026.1.json"));
        var result = QuestionnaireLoader.Load(json, "drl-auto-2026.1.json", File.ReadAllText(Path.Combine(folder, "questionnaire.schema.json")));
        return result.Definition ?? throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
    }
}
