using System.Net;
using Certify.Domain.Tenancy;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Tests.Features.CertifyingBodies;

/// <summary>The program admin sets the review deadline and four eyes; nobody else sees or changes them.</summary>
public sealed class ProgramSettingsTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private static int _people;

    [Fact]
    public async Task ProgramAdmin_SavesDeadlineAndFourEyes_OutOfRangeDeadlineNamesTheFieldAndKeepsTheOldValue()
    {
        var bodyId = await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);
        var programId = await factory.ProgramIdAsync();
        var client = await SignedInStaffAsync(bodyId, BodyRole.ProgramAdmin);
        var url = $"/organismos/{bodyId}/programas/{programId}";

        var page = await client.GetAsync(new Uri(url, UriKind.Relative));
        var invalid = await CertifyWebFactory.PostFormAsync(client, url, "program-settings", new Dictionary<string, string>
        {
            ["Form.ReviewDeadlineDays"] = "0",
        });
        var invalidHtml = WebUtility.HtmlDecode(await invalid.Content.ReadAsStringAsync());
        var unchanged = await DeadlineAsync(programId);
        var saved = await CertifyWebFactory.PostFormAsync(client, url, "program-settings", new Dictionary<string, string>
        {
            ["Form.ReviewDeadlineDays"] = "20",
            ["Form.RequireApprovalConfirmation"] = "true",
        });

        try
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("El plazo de revisión debe ser un número entero de días entre 1 y 90.", invalidHtml, StringComparison.Ordinal);
            Assert.Equal(15, unchanged.Days);
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal((20, true), await DeadlineAsync(programId));
            Assert.True(await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "program.settings-updated" && e.EntityId == programId.ToString())));
        }
        finally
        {
            await factory.WithDbAsync(db => db.Programs.Where(p => p.Id == programId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ReviewDeadlineDays, 15).SetProperty(p => p.RequireApprovalConfirmation, false)));
        }
    }

    [Fact]
    public async Task AuditorOrAdminOfAnotherBody_GetsNotFoundAndChangesNothing()
    {
        var bodyId = await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);
        var programId = await factory.ProgramIdAsync();
        var otherBody = await factory.CreateBodyAsync($"programas-ajeno-{Interlocked.Increment(ref _people)}", "Organismo ajeno");
        var auditor = await SignedInStaffAsync(bodyId, BodyRole.Auditor);
        var outsider = await SignedInStaffAsync(otherBody, BodyRole.ProgramAdmin);
        var url = $"/organismos/{bodyId}/programas/{programId}";

        var auditorPage = await auditor.GetAsync(new Uri(url, UriKind.Relative));
        var outsiderPage = await outsider.GetAsync(new Uri(url, UriKind.Relative));
        var crossBody = await outsider.GetAsync(new Uri($"/organismos/{otherBody}/programas/{programId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, auditorPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsiderPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, crossBody.StatusCode);
        Assert.Equal((15, false), await DeadlineAsync(programId));
    }

    private Task<(int Days, bool FourEyes)> DeadlineAsync(int programId) =>
        factory.WithDbAsync(db => db.Programs.Where(p => p.Id == programId)
            .Select(p => new ValueTuple<int, bool>(p.ReviewDeadlineDays, p.RequireApprovalConfirmation)).SingleAsync());

    private async Task<HttpClient> SignedInStaffAsync(int bodyId, BodyRole role)
    {
        var email = $"programas-{Interlocked.Increment(ref _people)}@settings.example";
        var userId = await factory.CreateUserAsync(email, authenticator: true);
        await factory.AddBodyMembershipAsync(bodyId, userId, role);
        var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, email);
        return client;
    }
}
