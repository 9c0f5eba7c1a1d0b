using System.Net;
using System.Security.Claims;
using Certify.Domain.Distinctives;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Distinctives;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Distinctives;

/// <summary>Suspend, reinstate and revoke by the issuing body's program admins: reason, finality, audit, notification, tenancy.</summary>
public sealed class DistinctiveLifecycleTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private static int _users;

    [Fact]
    public async Task Apply_WithoutReason_ReasonRequiredAndNothingChanges()
    {
        var created = await factory.CreateDistinctiveAsync();

        var outcome = await ApplyAsync(created, LifecycleAction.Suspend, "   ", await DemoAdminAsync());

        Assert.Equal(LifecycleOutcome.ReasonRequired, outcome);
        Assert.Null(await factory.WithDbAsync(db => db.Distinctives.Where(d => d.Id == created.Id).Select(d => d.SuspendedAt).SingleAsync()));
    }

    [Fact]
    public async Task Apply_SuspendReinstateRevoke_AuditsNotifiesBumpsVersionAndRevokeIsFinal()
    {
        var company = await factory.CreateCompanyAsync("Ciclo Vida");
        var created = await factory.CreateDistinctiveAsync(new DistinctiveSpec { CompanyId = company.CompanyId, LegalName = "Ciclo Vida, S.A. de C.V." });
        var admin = await DemoAdminAsync();
        var version = await VersionAsync(created);

        Assert.Equal(LifecycleOutcome.Done, await ApplyAsync(created, LifecycleAction.Suspend, "Queja en revisión", admin));
        Assert.NotEqual(version, await VersionAsync(created));
        Assert.Equal(LifecycleOutcome.NotAllowed, await ApplyAsync(created, LifecycleAction.Suspend, "Otra vez", admin));
        Assert.Equal(LifecycleOutcome.Done, await ApplyAsync(created, LifecycleAction.Reinstate, "Queja infundada", admin));
        Assert.Equal(LifecycleOutcome.Done, await ApplyAsync(created, LifecycleAction.Revoke, "Documentos falsos", admin));
        Assert.Equal(LifecycleOutcome.NotAllowed, await ApplyAsync(created, LifecycleAction.Reinstate, "Error", admin));
        Assert.Equal(LifecycleOutcome.NotAllowed, await ApplyAsync(created, LifecycleAction.Suspend, "Error", admin));

        var (audits, kinds, reason) = await factory.WithDbAsync(async db => (
            await db.AuditEvents.Where(e => e.EntityType == "Distinctive" && e.EntityId == created.Id.ToString()).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(),
            await db.Notifications.Where(n => n.UserId == company.UserId).OrderBy(n => n.Id).Select(n => n.Kind).ToListAsync(),
            await db.Distinctives.Where(d => d.Id == created.Id).Select(d => d.StatusReason).SingleAsync()));
        Assert.Equal(["distinctive.suspended", "distinctive.reinstated", "distinctive.revoked"], audits);
        Assert.Equal(["DistinctiveSuspended", "DistinctiveReinstated", "DistinctiveRevoked"], kinds);
        Assert.Equal("Documentos falsos", reason);
    }

    [Fact]
    public async Task Apply_Revoke_TheRegistryCountsItOnTheNextSearch()
    {
        const string name = "Revocación Al Instante";
        var created = await factory.CreateDistinctiveAsync(new DistinctiveSpec { LegalName = $"{name}, S.A. de C.V." });
        Assert.Equal(1, (await SearchAsync(new RegistryFilter(Query: name, Status: DistinctiveStatus.Active))).Total);

        Assert.Equal(LifecycleOutcome.Done, await ApplyAsync(created, LifecycleAction.Revoke, "Documentos falsos", await DemoAdminAsync()));

        Assert.Equal(0, (await SearchAsync(new RegistryFilter(Query: name, Status: DistinctiveStatus.Active))).Total);
        var revoked = await SearchAsync(new RegistryFilter(Query: name, Status: DistinctiveStatus.Revoked));
        Assert.Equal(1, revoked.Total);
        Assert.Equal(DistinctiveStatus.Revoked, Assert.Single(revoked.Rows).Status);
    }

    [Fact]
    public async Task Apply_StaleVersion_Conflict()
    {
        var created = await factory.CreateDistinctiveAsync();
        var admin = await DemoAdminAsync();

        var outcome = await ApplyAsync(created, LifecycleAction.Suspend, "Motivo", admin, expectedVersion: Guid.NewGuid());

        Assert.Equal(LifecycleOutcome.Conflict, outcome);
    }

    [Fact]
    public async Task Apply_AuditorOrOtherBodysAdmin_NotFound()
    {
        var created = await factory.CreateDistinctiveAsync();
        var otherBody = await factory.CreateBodyAsync($"otro-{Guid.NewGuid():N}"[..20], "Otro organismo");
        var otherAdmin = await StaffAsync(otherBody, BodyRole.ProgramAdmin);
        var auditor = await StaffAsync(created.BodyId, BodyRole.Auditor);

        Assert.Equal(LifecycleOutcome.NotFound, await ApplyAsync(created, LifecycleAction.Revoke, "No es mío", otherAdmin.Principal));
        Assert.Equal(LifecycleOutcome.NotFound, await ApplyAsync(created, LifecycleAction.Revoke, "Auditor", auditor.Principal));
        Assert.Equal(LifecycleOutcome.NotFound, await ApplyAsync(created with { BodyId = otherBody }, LifecycleAction.Revoke, "Otro cuerpo", otherAdmin.Principal));
    }

    [Fact]
    public async Task Page_OtherBodysAdmin_Gets404()
    {
        var created = await factory.CreateDistinctiveAsync();
        var otherBody = await factory.CreateBodyAsync($"ajeno-{Guid.NewGuid():N}"[..20], "Organismo ajeno");
        var otherAdmin = await StaffAsync(otherBody, BodyRole.ProgramAdmin);
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, otherAdmin.Email);

        using var response = await client.GetAsync($"/organismos/{created.BodyId}/distintivos?id={created.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Page_AdminPostsRevokeWithReason_DistinctiveIsRevokedAndPublicPageSaysSo()
    {
        var created = await factory.CreateDistinctiveAsync(new DistinctiveSpec { LegalName = "Pagina Revocar, S.A. de C.V." });
        var admin = await StaffAsync(created.BodyId, BodyRole.ProgramAdmin);
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, admin.Email);
        var url = $"/organismos/{created.BodyId}/distintivos?id={created.Id}";

        using var empty = await CertifyWebFactory.PostFormAsync(client, url, "distinctive-lifecycle", new Dictionary<string, string>
        {
            ["Input.Action"] = "Revoke",
            ["Input.Reason"] = "",
        });
        Assert.Contains("Escribe el motivo", TestData.Text(await empty.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var response = await CertifyWebFactory.PostFormAsync(client, url, "distinctive-lifecycle", new Dictionary<string, string>
        {
            ["Input.Action"] = "Revoke",
            ["Input.Reason"] = "Incumplimiento comprobado",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("el cambio ya es público", TestData.Text(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var anonymous = factory.CreateClient();
        var page = CertifyWebFactory.Parse(await anonymous.GetStringAsync($"/verificar/{created.Code.Format()}"));
        Assert.Equal("Revocado", page.QuerySelector("[data-status]")!.TextContent.Trim());
    }

    [Theory]
    [InlineData(false, "lifecycle-suspend", "Suspend", "suspender")]
    [InlineData(false, "lifecycle-revoke", "Revoke", "Revocar es definitivo")]
    [InlineData(true, "lifecycle-reinstate", "Reinstate", "reactivar")]
    public async Task Page_LifecycleButton_FirstClickOnlyOpensAConfirmationThatNamesTheCompanyAndNumber(
        bool suspended, string buttonId, string action, string wording)
    {
        var created = await factory.CreateDistinctiveAsync(new DistinctiveSpec { LegalName = $"Confirmar {action}, S.A. de C.V." });
        var admin = await StaffAsync(created.BodyId, BodyRole.ProgramAdmin);
        if (suspended)
        {
            Assert.Equal(LifecycleOutcome.Done, await ApplyAsync(created, LifecycleAction.Suspend, "Queja en revisión", Principal(admin.UserId, admin.Email)));
        }

        var version = await VersionAsync(created);
        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, admin.Email);

        var page = CertifyWebFactory.Parse(await client.GetStringAsync($"/organismos/{created.BodyId}/distintivos?id={created.Id}"));

        // The visible button cannot submit: it is a plain button that opens the dialog, and carries no action.
        var first = page.QuerySelector($"#{buttonId}")!;
        Assert.Equal("button", first.GetAttribute("type"));
        Assert.Null(first.GetAttribute("name"));
        Assert.Equal("modal", first.GetAttribute("data-bs-toggle"));
        var submits = page.QuerySelectorAll("[data-testid=lifecycle-form] button[type=submit]");
        var submit = Assert.Single(submits, b => b.GetAttribute("value") == action);
        Assert.Equal($"{buttonId}-confirm", submit.Id);
        var dialog = page.QuerySelector(first.GetAttribute("data-bs-target")!)!;
        Assert.Same(dialog, submit.Closest(".modal"));
        var text = dialog.TextContent;
        Assert.Contains($"Confirmar {action}, S.A. de C.V.", text, StringComparison.Ordinal);
        Assert.Contains(created.Number, text, StringComparison.Ordinal);
        Assert.Contains(wording, text, StringComparison.Ordinal);
        Assert.Equal(version, await VersionAsync(created));
    }

    private async Task<LifecycleOutcome> ApplyAsync(
        TestDistinctive distinctive, LifecycleAction action, string? reason, ClaimsPrincipal user, Guid? expectedVersion = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DistinctiveLifecycleService>()
            .ApplyAsync(distinctive.BodyId, distinctive.Id, action, reason, expectedVersion, user, CancellationToken.None);
    }

    private async Task<Guid> VersionAsync(TestDistinctive distinctive) =>
        await factory.WithDbAsync(db => db.Distinctives.Where(d => d.Id == distinctive.Id).Select(d => d.Version).SingleAsync());

    private async Task<RegistryResult> SearchAsync(RegistryFilter filter)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryService>().SearchAsync(filter, CancellationToken.None);
    }

    private async Task<ClaimsPrincipal> DemoAdminAsync() => Principal(await factory.UserIdAsync(AssessmentTestData.ProgramAdminEmail), AssessmentTestData.ProgramAdminEmail);

    private async Task<CompanyUser> StaffAsync(int bodyId, BodyRole role)
    {
        var email = $"staff-{Interlocked.Increment(ref _users)}-{Guid.NewGuid():N}@lifecycle.example";
        var id = await factory.CreateUserAsync(email, authenticator: true);
        await factory.AddBodyMembershipAsync(bodyId, id, role);
        return new CompanyUser(0, id, email);
    }

    private static ClaimsPrincipal Principal(string id, string email) => new CompanyUser(0, id, email).Principal;
}
