using System.Security.Claims;
using Certify.Data;
using Certify.Domain.Assessments;
using Certify.Domain.Distinctives;
using Certify.Domain.Questionnaires;
using Certify.Domain.Reviews;
using Certify.Domain.Scoring;
using Certify.Web.Features.Distinctives;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Features.Dashboards;

/// <summary>
/// The company dashboard, for the company's members (anyone else gets null). A company has a handful of assessments,
/// so scores are computed with the domain's scorer from each assessment's answers, exactly as the questionnaire page
/// shows them.
/// </summary>
public sealed class CompanyDashboardService(
    IDbContextFactory<CertifyDbContext> dbFactory,
    QuestionnaireRegistry registry,
    CompanyDistinctiveService distinctives,
    TimeProvider clock)
{
    public async Task<CompanyDashboard?> GetAsync(int companyId, ClaimsPrincipal user, CancellationToken ct)
    {
        // The distinctives' list checks membership of the company; null means the user is not a member.
        var list = await distinctives.ListAsync(companyId, user, ct);
        if (list is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assessments = await db.Assessments.AsNoTracking().Where(a => a.CompanyId == companyId)
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Select(a => new { a.Id, a.ProgramId, a.Program!.Code, a.QuestionnaireVersionId, a.State, a.CreatedAt })
            .ToListAsync(ct);
        var today = BodyCalendar.Today(clock);

        var scored = new List<AssessmentTopicScores>();
        var topics = new List<(string Code, LocalizedText Title)>();
        foreach (var a in assessments.Take(CompanyDashboard.ChartedAssessments))
        {
            var definition = registry.ForVersion(a.QuestionnaireVersionId);
            var score = Scorer.Score(definition, await AnswerSheets.LoadAsync(db, a.Id, ct), today);
            scored.Add(new AssessmentTopicScores(a.Id, a.Code, a.State, a.CreatedAt, score.Sections.ToDictionary(s => s.Code, s => s.Score)));
            topics.AddRange(definition.Sections.Where(s => topics.All(t => t.Code != s.Code)).Select(s => (s.Code, s.Title)));
        }

        var visible = assessments.Where(a => CompanyFindings.VisibleIn(a.State)).ToList();
        var findings = await CompanyFindings.CurrentAsync(db, visible.Select(a => a.Id).ToList(), ct);
        var open = visible
            .SelectMany(a => findings[a.Id].Where(f => f.IsNonConformity && f.Status != FindingStatus.Closed).Select(f =>
                new OpenCorrectiveAction(
                    a.Id, f.QuestionCode, registry.ForVersion(a.QuestionnaireVersionId).FindQuestion(f.QuestionCode)?.Text ?? new(f.QuestionCode, f.QuestionCode),
                    f.Severity, f.Status, f.DueOn, f.DueOn is { } due ? due.DayNumber - today.DayNumber : null)))
            .OrderBy(f => f.DueOn ?? DateOnly.MaxValue).ThenBy(f => f.QuestionCode, StringComparer.Ordinal)
            .ToList();

        var members = await db.CompanyMemberships.CountAsync(m => m.CompanyId == companyId, ct);
        var steps = NextSteps.For(
            companyId,
            assessments.Select(a => (a.Id, a.State)).ToList(),
            open,
            list.Items,
            members,
            await db.UnlockedQuestions.Where(u => assessments.Select(a => a.Id).Contains(u.AssessmentId))
                .GroupBy(u => u.AssessmentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct));
        return new CompanyDashboard(companyId, topics, scored, open, list.Items, steps);
    }
}

/// <summary>What the company should do next, from where its assessments, findings and distinctives stand.</summary>
public static class NextSteps
{
    public static IReadOnlyList<NextStep> For(
        int companyId,
        IReadOnlyList<(int Id, AssessmentState State)> assessments,
        IReadOnlyList<OpenCorrectiveAction> openActions,
        IReadOnlyList<CompanyDistinctiveItem> distinctives,
        int members,
        IReadOnlyDictionary<int, int> unlockedQuestions)
    {
        var steps = new List<NextStep>();
        foreach (var (id, _) in assessments.Where(a => a.State == AssessmentState.ChangesRequested))
        {
            steps.Add(new NextStep(NextStepKind.AnswerChangeRequest, AssessmentPaths.Questionnaire(companyId, id), id, unlockedQuestions.GetValueOrDefault(id)));
        }

        foreach (var group in openActions.Where(a => a.Status == FindingStatus.Open).GroupBy(a => a.AssessmentId))
        {
            steps.Add(new NextStep(NextStepKind.ProposeCorrectiveActions, AssessmentPaths.CorrectiveActions(companyId, group.Key), group.Key, group.Count(),
                Day: group.Min(a => a.DueOn)));
        }

        foreach (var distinctive in distinctives.Where(d => d.RenewalDue))
        {
            var kind = distinctive.Status == DistinctiveStatus.Expired ? NextStepKind.RenewExpiredDistinctive : NextStepKind.RenewDistinctive;
            steps.Add(new NextStep(kind, DistinctivePaths.Company(companyId), Number: distinctive.Number, Day: distinctive.LastDay));
        }

        foreach (var (id, _) in assessments.Where(a => a.State == AssessmentState.Draft))
        {
            steps.Add(new NextStep(NextStepKind.ContinueDraft, AssessmentPaths.Questionnaire(companyId, id), id));
        }

        foreach (var (id, _) in assessments.Where(a => a.State is AssessmentState.Submitted or AssessmentState.InReview))
        {
            steps.Add(new NextStep(NextStepKind.WaitForReview, AssessmentPaths.Questionnaire(companyId, id), id));
        }

        if (assessments.Count == 0 || (assessments.All(a => !AssessmentWorkflow.IsOpen(a.State)) && distinctives.Count == 0))
        {
            steps.Add(new NextStep(NextStepKind.StartAssessment, $"/empresas/{companyId}/evaluaciones"));
        }

        if (members <= 1)
        {
            steps.Add(new NextStep(NextStepKind.InviteTeam, $"/empresas/{companyId}/equipo"));
        }

        return steps;
    }
}
