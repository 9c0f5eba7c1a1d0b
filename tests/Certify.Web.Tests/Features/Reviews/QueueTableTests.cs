using System.Globalization;
using Bunit;
using Certify.Domain.Assessments;
using Certify.Web.Features.Reviews;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Reviews;

/// <summary>The submissions table: a decided review has no deadline left, so it is never shown as overdue.</summary>
public sealed class QueueTableTests : BunitContext
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    public QueueTableTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es-MX");
        Services.AddLocalization();
    }

    [Fact]
    public void Render_DecidedLongAgo_IsNotOverdue()
    {
        var decided = Row(1, AssessmentState.Approved, Today.AddDays(-800));
        var open = Row(2, AssessmentState.InReview, Today.AddDays(-3));

        var table = Render<QueueTable>(p => p
            .Add(c => c.List, new QueueList([decided, open], 2, Today))
            .Add(c => c.EmptyText, "")
            .Add(c => c.TestId, "submissions"));

        var decidedDue = table.Find("tr[data-assessment='1'] [data-col=due]");
        Assert.Empty(decidedDue.QuerySelectorAll("[data-due]"));
        Assert.DoesNotContain("vencida", decidedDue.TextContent, StringComparison.Ordinal);
        Assert.Equal("vencida hace 3 días", table.Find("tr[data-assessment='2'] [data-due]").TextContent.Trim());
    }

    private static QueueRow Row(int id, AssessmentState state, DateOnly due) =>
        new(id, id, 7, $"Empresa {id}", "DRL-AUTO", state, 0, 2, due, new DateTimeOffset(2024, 9, 1, 16, 0, 0, TimeSpan.Zero), "Auditora");
}
