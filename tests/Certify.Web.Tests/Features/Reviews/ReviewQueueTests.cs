using System.Net;
using AngleSharp.Html.Dom;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Tenancy;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Tests.Features.Reviews;

/// <summary>
/// The review queue and the program admin's submissions page, over HTTP on capb-demo. Tests share one database, so each
/// makes auditors and companies of its own and asserts on those names only.
/// </summary>
public sealed class ReviewQueueTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private static readonly TimeZoneInfo MexicoCity = TimeZoneInfo.FindSystemTimeZoneById("America/Mexico_City");

    private static int _staff;

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, MexicoCity).DateTime);

    [Fact]
    public async Task Get_Queue_Auditor_ShowsOwnAndUnassignedReviewsButNotAnotherAuditors()
    {
        var body = await DemoBodyAsync();
        var auditor = await factory.AddStaffAsync(body, BodyRole.Auditor);
        var other = await factory.AddStaffAsync(body, BodyRole.Auditor);
        await SubmissionAsync("Cola Propia", auditor.UserId, priority: 3, dueInDays: 5);
        await SubmissionAsync("Cola Libre", null, priority: 2, dueInDays: 5);
        await SubmissionAsync("Cola Ajena", other.UserId, priority: 9, dueInDays: 1);
        await SubmissionAsync("Cola Cerrada", auditor.UserId, priority: 9, dueInDays: 1, state: AssessmentState.Approved);

        var page = await GetPageAsync(auditor, $"/organismos/{body}/revisiones");

        Assert.Equal(["Cola Propia"], Companies(page, "assigned"));
        Assert.Contains("Cola Libre", Companies(page, "unassigned"));
        Assert.DoesNotContain("Cola Ajena", Companies(page, "unassigned"));
        Assert.DoesNotContain("Cola Cerrada", Companies(page, "unassigned"));
        Assert.Contains("Mi cola de revisión", page.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Queue_SeveralReviews_SortsByPriorityThenDueDateWithDueBadges()
    {
        var body = await DemoBodyAsync();
        var auditor = await factory.AddStaffAsync(body, BodyRole.Auditor);
        await SubmissionAsync("Orden Baja Pronto", auditor.UserId, priority: 2, dueInDays: 1);
        await SubmissionAsync("Orden Alta Tarde", auditor.UserId, priority: 8, dueInDays: 9);
        await SubmissionAsync("Orden Alta Vencida", auditor.UserId, priority: 8, dueInDays: -3);
        await SubmissionAsync("Orden Alta Hoy", auditor.UserId, priority: 8, dueInDays: 0);

        var page = await GetPageAsync(auditor, $"/organismos/{body}/revisiones");

        Assert.Equal(["Orden Alta Vencida", "Orden Alta Hoy", "Orden Alta Tarde", "Orden Baja Pronto"], Companies(page, "assigned"));
        Assert.Equal(["vencida hace 3 días", "vence hoy", "vence en 9 días", "vence en 1 día"],
            Rows(page, "assigned").Select(r => r.QuerySelector("[data-due]")!.TextContent.Trim()));
        Assert.Contains("text-bg-danger", Rows(page, "assigned")[0].QuerySelector("[data-due]")!.ClassName, StringComparison.Ordinal);
        Assert.Contains("text-bg-warning", Rows(page, "assigned")[3].QuerySelector("[data-due]")!.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Queue_OverdueFilter_ShowsOnlyOverdueReviews()
    {
        var body = await DemoBodyAsync();
        var auditor = await factory.AddStaffAsync(body, BodyRole.Auditor);
        await SubmissionAsync("Filtro Vencida", auditor.UserId, priority: 1, dueInDays: -1);
        await SubmissionAsync("Filtro A Tiempo", auditor.UserId, priority: 5, dueInDays: 4);

        var page = await GetPageAsync(auditor, $"/organismos/{body}/revisiones?vencidas=1");

        Assert.Equal(["Filtro Vencida"], Companies(page, "assigned"));
        Assert.True(((IHtmlInputElement)page.QuerySelector("#filter-overdue")!).IsChecked);
    }

    [Fact]
    public async Task Get_Queue_NothingAssigned_ShowsTheEmptyState()
    {
        var body = await DemoBodyAsync();
        var auditor = await factory.AddStaffAsync(body, BodyRole.Auditor);

        var page = await GetPageAsync(auditor, $"/organismos/{body}/revisiones");

        Assert.Null(page.QuerySelector("[data-testid=assigned]"));
        Assert.Contains("No tienes revisiones pendientes", page.QuerySelector("[data-testid=assigned-empty]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("revisiones")]
    [InlineData("envios")]
    public async Task Get_QueuePages_AuditorOfAnotherBody_Returns404(string page)
    {
        var demoBody = await DemoBodyAsync();
        var otherBody = await factory.CreateBodyAsync($"cola-otro-{Interlocked.Increment(ref _staff)}", "Otro organismo de la cola");
        var stranger = await factory.AddStaffAsync(otherBody, BodyRole.ProgramAdmin);
        using var client = await SignedInAsync(stranger);

        using var response = await client.GetAsync($"/organismos/{demoBody}/{page}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("revisiones")]
    [InlineData("envios")]
    public async Task Get_QueuePages_CompanyOwner_RedirectsToAccessDenied(string page)
    {
        var demoBody = await DemoBodyAsync();
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, CertifyWebFactory.OwnerAEmail);

        using var response = await client.GetAsync($"/organismos/{demoBody}/{page}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/AccessDenied", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Get_Submissions_ProgramAdmin_ShowsEverySubmissionWithItsAuditor()
    {
        var body = await DemoBodyAsync();
        var admin = await factory.AddStaffAsync(body, BodyRole.ProgramAdmin);
        var auditor = await factory.AddStaffAsync(body, BodyRole.Auditor);
        var assigned = await SubmissionAsync("Envío Asignado", auditor.UserId, priority: 4, dueInDays: 6);
        var free = await SubmissionAsync("Envío Libre", null, priority: 4, dueInDays: 6);
        var approved = await SubmissionAsync("Envío Aprobado", auditor.UserId, priority: 1, dueInDays: -20, state: AssessmentState.Approved);

        var page = await GetPageAsync(admin, "/organismos/" + body + "/envios?q=env%C3%ADo");

        var rows = Rows(page, "submissions").ToDictionary(r => int.Parse(r.GetAttribute("data-assessment")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(auditor.Email.Split('@')[0], rows[assigned].QuerySelector("[data-col=auditor]")!.TextContent.Trim());
        Assert.Equal("Sin asignar", rows[free].QuerySelector("[data-col=auditor]")!.TextContent.Trim());
        Assert.Equal("Approved", rows[approved].QuerySelector("[data-state]")!.GetAttribute("data-state"));
        Assert.All(Companies(page, "submissions"), name => Assert.StartsWith("Envío", name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_Submissions_StateFilter_ShowsOnlyThatState()
    {
        var body = await DemoBodyAsync();
        var admin = await factory.AddStaffAsync(body, BodyRole.ProgramAdmin);
        await SubmissionAsync("Estado Cambios", null, priority: 1, dueInDays: 3, state: AssessmentState.ChangesRequested);
        await SubmissionAsync("Estado Revisión", null, priority: 1, dueInDays: 3, state: AssessmentState.InReview);

        var page = await GetPageAsync(admin, $"/organismos/{body}/envios?estado=ChangesRequested&q=Estado");

        Assert.Equal(["Estado Cambios"], Companies(page, "submissions"));
    }

    [Fact]
    public async Task Get_Submissions_Auditor_Returns404()
    {
        var body = await DemoBodyAsync();
        var auditor = await factory.AddStaffAsync(body, BodyRole.Auditor);
        using var client = await SignedInAsync(auditor);

        using var response = await client.GetAsync($"/organismos/{body}/envios");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_BodyHome_ProgramAdmin_LinksTheQueuesAndCountsOpenReviews()
    {
        var body = await DemoBodyAsync();
        var admin = await factory.AddStaffAsync(body, BodyRole.ProgramAdmin);
        await SubmissionAsync("Inicio Abierta", null, priority: 1, dueInDays: 3);
        var open = await factory.WithDbAsync(db => db.Assessments.CountAsync(a => a.Program!.CertifyingBodyId == body && a.SubmissionCount > 0
            && (a.State == AssessmentState.Submitted || a.State == AssessmentState.InReview || a.State == AssessmentState.ChangesRequested)));

        var page = await GetPageAsync(admin, $"/organismos/{body}");

        Assert.Equal(open == 1 ? "1 revisión abierta" : $"{open} revisiones abiertas", page.QuerySelector("[data-testid=open-reviews]")!.TextContent.Trim());
        Assert.EndsWith($"organismos/{body}/revisiones", page.QuerySelector("#queue-link")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.EndsWith($"organismos/{body}/envios", page.QuerySelector("#submissions-link")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    private Task<int> DemoBodyAsync() => factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);

    /// <summary>A new company's DRL-AUTO assessment, submitted once, with the review routing would have made.</summary>
    private async Task<int> SubmissionAsync(string tradeName, string? auditorUserId, int priority, int dueInDays,
        AssessmentState state = AssessmentState.Submitted)
    {
        var owner = await factory.CreateCompanyAsync(tradeName);
        var programId = await factory.ProgramIdAsync();
        return await factory.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var assessment = new Assessment
            {
                CompanyId = owner.CompanyId,
                ProgramId = programId,
                QuestionnaireVersionId = await db.Programs.Where(p => p.Id == programId).Select(p => p.QuestionnaireVersionId).SingleAsync(),
                State = state,
                CreatedAt = now,
                CreatedByUserId = owner.UserId,
                SubmittedAt = now,
                SubmittedByUserId = owner.UserId,
                SubmissionCount = 1,
                OpenSlot = AssessmentWorkflow.IsOpen(state) ? Assessment.SlotFor(owner.CompanyId, programId) : null,
                Version = Guid.NewGuid(),
            };
            db.Assessments.Add(assessment);
            await db.SaveChangesAsync();
            db.Reviews.Add(new Review
            {
                AssessmentId = assessment.Id,
                SubmissionNumber = 1,
                AuditorUserId = auditorUserId,
                Priority = priority,
                DueOn = Today.AddDays(dueInDays),
                CreatedAt = now,
                AssignedAt = auditorUserId is null ? null : now,
            });
            await db.SaveChangesAsync();
            return assessment.Id;
        });
    }

    private async Task<HttpClient> SignedInAsync(CompanyUser staff)
    {
        var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, staff.Email);
        return client;
    }

    private async Task<IHtmlDocument> GetPageAsync(CompanyUser staff, string url)
    {
        using var client = await SignedInAsync(staff);
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return CertifyWebFactory.Parse(await response.Content.ReadAsStringAsync());
    }

    private static List<AngleSharp.Dom.IElement> Rows(IHtmlDocument page, string table) =>
        page.QuerySelectorAll($"[data-testid={table}] tbody tr").ToList();

    private static List<string> Companies(IHtmlDocument page, string table) =>
        Rows(page, table).Select(r => r.QuerySelector("[data-col=company]")!.TextContent.Trim()).ToList();
}
