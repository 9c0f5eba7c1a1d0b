using System.Globalization;
using System.Text.Json;
using Bunit;
using Certify.Domain.Assessments;
using Certify.Domain.Questionnaires;
using Certify.Domain.Reviews;
using Certify.Web.Components.Shared;
using Certify.Web.Features.Dashboards;
using Certify.Web.Features.Distinctives;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Dashboards;

/// <summary>The dashboard components render exactly the figures handed to them, in the chart's spec and in its table.</summary>
public sealed class DashboardComponentTests : BunitContext
{
    public DashboardComponentTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es-MX");
        Services.AddLocalization();
    }

    [Fact]
    public void ChartFigure_Data_CanvasSpecAndTableCarryTheSameNumbers()
    {
        var data = new ChartData(ChartKind.HorizontalBar, ["SUB-01", "LIB-02"], [new ChartSeries("Incumplimiento", [100m, 33.3m])], "%")
        {
            LongLabels = ["SUB-01 ¿Tiene contratos?", "LIB-02 ¿Hay protocolo?"],
        };

        var figure = Render<ChartFigure>(p => p.Add(c => c.Id, "top").Add(c => c.Title, "Las diez").Add(c => c.LabelHeader, "Pregunta").Add(c => c.Data, data));

        var spec = JsonDocument.Parse(figure.Find("canvas#top").GetAttribute("data-chart")!).RootElement;
        Assert.Equal("HorizontalBar", spec.GetProperty("kind").GetString());
        Assert.Equal(["SUB-01", "LIB-02"], spec.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal([100m, 33.3m], spec.GetProperty("series")[0].GetProperty("values").EnumerateArray().Select(v => v.GetDecimal()));
        Assert.Equal("top-table", figure.Find("canvas#top").GetAttribute("aria-describedby"));
        var rows = figure.FindAll("table#top-table tbody tr");
        Assert.Equal(["SUB-01 ¿Tiene contratos?", "LIB-02 ¿Hay protocolo?"], rows.Select(r => r.QuerySelector("th")!.TextContent));
        Assert.Equal(["100%", "33.3%"], rows.Select(r => r.QuerySelector("td")!.TextContent));
        Assert.Equal(["Pregunta", "Incumplimiento"], figure.FindAll("table#top-table thead th").Select(h => h.TextContent));
    }

    [Fact]
    public void ChartFigure_ZeroValues_AreDrawnAndListed()
    {
        var data = new ChartData(ChartKind.HorizontalBar, ["SUB", "LIB"], [new ChartSeries("Aprobación", [0m, null])], "%");

        var figure = Render<ChartFigure>(p => p.Add(c => c.Id, "rate").Add(c => c.Title, "Aprobación").Add(c => c.LabelHeader, "Tema").Add(c => c.Data, data));

        Assert.NotNull(figure.Find("canvas#rate"));
        Assert.Equal(["0%", "—"], figure.FindAll("table#rate-table tbody td").Select(c => c.TextContent));
    }

    [Fact]
    public void ChartFigure_NoValues_ShowsNoDataInsteadOfAnEmptyChart()
    {
        var data = new ChartData(ChartKind.Bar, ["A", "B"], [new ChartSeries("S", [null, null])]);

        var figure = Render<ChartFigure>(p => p.Add(c => c.Id, "z").Add(c => c.Title, "Vacío").Add(c => c.LabelHeader, "x").Add(c => c.Data, data));

        Assert.Empty(figure.FindAll("canvas"));
        Assert.Equal("Sin datos para estos filtros.", figure.Find("[data-testid=chart-z-empty]").TextContent);
    }

    [Fact]
    public void TopicScoresPanel_TwoAssessments_OneSeriesEachWithItsScoresPerTopic()
    {
        var dashboard = Dashboard(
            assessments:
            [
                new AssessmentTopicScores(7, "DRL-AUTO", AssessmentState.Draft, DateTimeOffset.UtcNow, new Dictionary<string, decimal?> { ["SUB"] = 50m, ["LIB"] = null }),
                new AssessmentTopicScores(3, "DRL-AUTO", AssessmentState.Issued, DateTimeOffset.UtcNow, new Dictionary<string, decimal?> { ["SUB"] = 92.5m, ["LIB"] = 100m }),
            ]);

        var panel = Render<TopicScoresPanel>(p => p.Add(c => c.Dashboard, dashboard));

        var rows = panel.FindAll("table#topic-scores-table tbody tr");
        Assert.Equal(["Subcontratación", "Libertad sindical"], rows.Select(r => r.QuerySelector("th")!.TextContent));
        Assert.Equal(["50", "92.5"], rows[0].QuerySelectorAll("td").Select(c => c.TextContent));
        Assert.Equal(["—", "100"], rows[1].QuerySelectorAll("td").Select(c => c.TextContent));
        Assert.Equal(
            ["Tema", "Evaluación #7 (Borrador)", "Evaluación #3 (Distintivo emitido)"],
            panel.FindAll("table#topic-scores-table thead th").Select(h => h.TextContent));
    }

    [Fact]
    public void TopicScoresPanel_NoAssessments_SaysSo()
    {
        var panel = Render<TopicScoresPanel>(p => p.Add(c => c.Dashboard, Dashboard()));

        Assert.Empty(panel.FindAll("canvas"));
        Assert.Equal("Aún no tienes evaluaciones.", panel.Find("[data-testid=no-assessments]").TextContent);
    }

    [Fact]
    public void NextStepsPanel_Steps_OneLinkEachInOrder()
    {
        var steps = new List<NextStep>
        {
            new(NextStepKind.ProposeCorrectiveActions, "/empresas/4/evaluaciones/9/acciones", 9, 2, Day: new DateOnly(2026, 12, 1)),
            new(NextStepKind.RenewDistinctive, "/empresas/4/distintivos", Number: "DRL-AUTO-2026-00001", Day: new DateOnly(2027, 1, 15)),
        };

        var panel = Render<NextStepsPanel>(p => p.Add(c => c.Steps, steps));

        var links = panel.FindAll("li a");
        Assert.Equal(["empresas/4/evaluaciones/9/acciones", "empresas/4/distintivos"], links.Select(a => a.GetAttribute("href")));
        Assert.Contains("2 no conformidades de la evaluación #9", links[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("1 dic 2026", links[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Renueva el distintivo DRL-AUTO-2026-00001: vence el 15 ene 2027.", links[1].TextContent);
    }

    [Fact]
    public void NextSteps_ExpiredDistinctiveDue_SaysItExpiredInThePastTense()
    {
        var expired = new CompanyDistinctiveItem(
            1, "DRL-AUTO-2024-00001", new LocalizedText("Distintivo", "Distinctive"), "B", Certify.Domain.Distinctives.DistinctiveStatus.Expired,
            new DateOnly(2024, 9, 16), new DateOnly(2026, 9, 15), Certify.Domain.Distinctives.VerificationCode.Generate(), true, "https://x/verificar", "<a></a>")
        {
            Renewal = RenewalStatus.Available,
            RenewalDue = true,
        };

        var steps = NextSteps.For(4, [], [], [expired], members: 2, new Dictionary<int, int>());
        var panel = Render<NextStepsPanel>(p => p.Add(c => c.Steps, steps));

        Assert.Equal(NextStepKind.RenewExpiredDistinctive, Assert.Single(steps, s => s.Kind != NextStepKind.StartAssessment).Kind);
        Assert.Contains("El distintivo DRL-AUTO-2024-00001 venció el 15 sep 2026: renuévalo.", panel.FindAll("li a").Select(a => a.TextContent));
    }

    [Fact]
    public void CorrectiveActionsPanel_OverdueAction_MarkedWithItsDays()
    {
        var actions = new List<OpenCorrectiveAction>
        {
            new(9, "SUB-01", new LocalizedText("¿Contratos?", "Contracts?"), FindingSeverity.Major, FindingStatus.Open, new DateOnly(2026, 11, 20), -5),
        };

        var panel = Render<CorrectiveActionsPanel>(p => p.Add(c => c.CompanyId, 4).Add(c => c.Actions, actions));

        var cells = panel.FindAll("tbody td");
        Assert.Equal("empresas/4/evaluaciones/9/acciones", panel.Find("tbody a").GetAttribute("href"));
        Assert.Equal("No conformidad mayor", cells[1].TextContent.Trim());
        Assert.Contains("vencida hace 5 días", cells[3].TextContent, StringComparison.Ordinal);
        Assert.Contains("text-danger", cells[3].ClassName, StringComparison.Ordinal);
    }

    private static CompanyDashboard Dashboard(IReadOnlyList<AssessmentTopicScores>? assessments = null) => new(
        4,
        [("SUB", new LocalizedText("Subcontratación", "Outsourcing")), ("LIB", new LocalizedText("Libertad sindical", "Freedom of association"))],
        assessments ?? [],
        [],
        Array.Empty<CompanyDistinctiveItem>(),
        []);
}
