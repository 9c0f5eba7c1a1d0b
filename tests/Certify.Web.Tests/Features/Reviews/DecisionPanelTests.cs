using System.Globalization;
using Bunit;
using Certify.Domain.Assessments;
using Certify.Domain.Programs;
using Certify.Domain.Questionnaires;
using Certify.Domain.Reviews;
using Certify.Domain.Scoring;
using Certify.Web.Features.Reviews;
using Certify.Web.Tests.Features.Assessments;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Certify.Web.Features.Shared;

namespace Certify.Web.Tests.Features.Reviews;

/// <summary>The auditor's decision panel: Aprobar says why it is disabled, and the bulk conformity asks before it acts.</summary>
public sealed class DecisionPanelTests : BunitContext
{
    private int _marked;

    public DecisionPanelTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es-MX");
        Services.AddLocalization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Theory]
    [InlineData(35, "Faltan 35 preguntas por calificar.")]
    [InlineData(1, "Falta 1 pregunta por calificar.")]
    public void Render_UnjudgedQuestions_ApproveDisabledAndDescribedByHowManyAreLeft(int unjudged, string reason)
    {
        var panel = Panel(new ApprovalCheck(false, ApprovalReasonCodes.UnjudgedQuestions, unjudged));

        var approve = panel.Find("#approve");
        Assert.True(approve.HasAttribute("disabled"));
        var describedBy = approve.GetAttribute("aria-describedby");
        Assert.Equal(reason, panel.Find($"#{describedBy}").TextContent.Trim());
    }

    [Fact]
    public void Render_UnjudgedQuestionsInEnglish_PluralAware()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en");

        var panel = Panel(new ApprovalCheck(false, ApprovalReasonCodes.UnjudgedQuestions, 2));

        Assert.Equal("2 questions still need a verdict.", panel.Find("#approve-blocked-reason").TextContent.Trim());
    }

    [Fact]
    public void Render_AllJudged_ApproveEnabledWithoutReasonOrBulkAction()
    {
        var panel = Panel(new ApprovalCheck(true, null));

        Assert.False(panel.Find("#approve").HasAttribute("disabled"));
        Assert.Null(panel.Find("#approve").GetAttribute("aria-describedby"));
        Assert.Empty(panel.FindAll("#mark-remaining"));
    }

    [Fact]
    public void MarkRemaining_FirstClickOnlyAsks_ConfirmationActs()
    {
        var panel = Panel(new ApprovalCheck(false, ApprovalReasonCodes.UnjudgedQuestions, 35));

        panel.Find("#mark-remaining").Click();

        Assert.Equal(0, _marked);
        Assert.Contains("¿Registrar conformidad en las 35 preguntas que faltan por calificar?", panel.Markup, StringComparison.Ordinal);

        panel.Find("#confirm-mark-remaining").Click();

        Assert.Equal(1, _marked);
    }

    private IRenderedComponent<DecisionPanel> Panel(ApprovalCheck approval) =>
        Render<DecisionPanel>(p => p
            .Add(c => c.View, View(approval))
            .Add(c => c.Changes, new Dictionary<string, string>())
            .Add(c => c.OnMarkRemaining, () => _marked++));

    private static ReviewView View(ApprovalCheck approval)
    {
        var score = new ScoreResult(100m, [], []);
        return new ReviewView(
            1, 1, 1, 1, "Forjas de León", "FLE150310AB8", 1, "DRL-AUTO", new LocalizedText("Distintivo", "Distinctive"),
            AssessmentState.InReview, WorkflowActor.Auditor, "auditor", new DateOnly(2026, 3, 20), null, QuestionCardTests.DrlAuto,
            new Dictionary<string, SavedAnswer>(), [], [], [], score, score, new LevelResult(false, null, "none"), approval, false, null, null);
    }
}
