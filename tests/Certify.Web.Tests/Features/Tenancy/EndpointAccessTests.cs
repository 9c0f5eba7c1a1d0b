using System.Net;
using System.Text;
using Certify.Data.Entities;
using Certify.Domain.Tenancy;
using Certify.Web.Tests.Features.Concerns;
using Certify.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Tenancy;

/// <summary>
/// Every mapped endpoint and routable page of the real app that takes a route parameter, read from the endpoint data
/// sources: unless its metadata marks it public (<see cref="IAllowAnonymous"/>), a user of another tenant and staff
/// without an authenticator must not get it, while a member of the tenant does. A new endpoint or page without the
/// check fails here; a route parameter this test does not know fails too, asking for a demo value.
/// </summary>
public sealed class EndpointAccessTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    /// <summary>Tenant A: a demo company whose issued assessment has evidence, findings and a distinctive.</summary>
    private const string CompanyARfc = "TNO160822BK0";
    private const string InsiderEmail = "dentro@troquelados.example";
    private const string OtherBodyAdminEmail = "programa@otro-organismo-acceso.example";
    private const string ProgramAdminEmail = "programa@capb.demo";
    private const string Enrolment = "/Account/Manage/EnableAuthenticator";

    [Fact]
    public void IdTakingEndpoints_AreEnumeratedFromTheDataSources()
    {
        var routes = ProtectedIdRoutes().Select(e => e.RoutePattern.RawText).ToList();

        // A sample of the routes the issue named, so an enumeration that finds nothing cannot pass.
        Assert.Contains("/evidencias/{evidenceId:long}", routes);
        Assert.Contains("/distintivos/{distinctiveId:long}/credential.jwt", routes);
        Assert.Contains("/empresas/{CompanyId:int}/evaluaciones/{AssessmentId:int}", routes);
        Assert.Contains("/organismos/{BodyId:int}/tablero", routes);
        Assert.All(ProtectedIdRoutes(), e => Assert.True(e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0,
            $"{e.RoutePattern.RawText} takes an id but neither requires sign-in nor is marked [AllowAnonymous]."));
    }

    [Fact]
    public async Task IdTakingEndpoints_MemberOfTenant_GetsTheResource()
    {
        var values = await DemoValuesAsync();
        using var insider = await SignedInAsync(InsiderEmail);

        foreach (var endpoint in ProtectedIdRoutes())
        {
            using var response = await RequestAsync(insider, endpoint, values);
            Assert.True(Granted(response), $"{Describe(endpoint, values)}: the tenant's own member got {Answer(response)}.");
        }
    }

    [Theory]
    [InlineData(CertifyWebFactory.OwnerBEmail)]
    [InlineData(OtherBodyAdminEmail)]
    public async Task IdTakingEndpoints_UserOfAnotherTenant_GetsNotFound(string email)
    {
        var values = await DemoValuesAsync();
        using var outsider = await SignedInAsync(email);

        foreach (var endpoint in ProtectedIdRoutes())
        {
            using var response = await RequestAsync(outsider, endpoint, values);

            // 404, or the role policy's "access denied" before any id is looked at: either way nothing is revealed.
            Assert.True(response.StatusCode == HttpStatusCode.NotFound || RedirectsTo(response, "/Account/AccessDenied"),
                $"{Describe(endpoint, values)}: {email} of another tenant got {Answer(response)}.");
        }
    }

    [Theory]
    [InlineData(CertifyWebFactory.AuditorEmail)]
    [InlineData(ProgramAdminEmail)]
    public async Task IdTakingEndpoints_StaffWithoutAuthenticator_DoNotGetTheResource(string email)
    {
        var values = await DemoValuesAsync();
        using var staff = await SignedInAsync(email);

        foreach (var endpoint in ProtectedIdRoutes())
        {
            using var response = await RequestAsync(staff, endpoint, values);
            Assert.True(
                RedirectsTo(response, Enrolment) || RedirectsTo(response, "/Account/AccessDenied")
                    || response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden,
                $"{Describe(endpoint, values)}: {email} without an authenticator got {Answer(response)}.");
        }
    }

    [Fact]
    public async Task EvidenceDownload_StaffWithoutAuthenticator_RedirectsToEnrolment()
    {
        var values = await DemoValuesAsync();
        using var staff = await SignedInAsync(CertifyWebFactory.AuditorEmail);

        using var response = await staff.GetAsync($"/evidencias/{values["evidenceId"]}?vista=1");

        Assert.True(RedirectsTo(response, Enrolment), Answer(response));
    }

    /// <summary>
    /// Endpoints with at least one route parameter that are not marked public. Besides [AllowAnonymous], only the
    /// framework's Development fallback to static files (<c>{**path:file}</c>, which takes no conventions) is public.
    /// </summary>
    private List<RouteEndpoint> ProtectedIdRoutes() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count > 0 && e.Metadata.GetMetadata<IAllowAnonymous>() is null && !IsStaticFileFallback(e))
            .GroupBy(e => e.RoutePattern.RawText)
            .Select(g => g.First())
            .OrderBy(e => e.RoutePattern.RawText, StringComparer.Ordinal)
            .ToList();

    private static bool IsStaticFileFallback(RouteEndpoint endpoint) =>
        endpoint.DisplayName?.StartsWith("Fallback ", StringComparison.Ordinal) == true
        && endpoint.RoutePattern.Parameters is [{ IsCatchAll: true } path]
        && path.ParameterPolicies.Any(p => p.Content == "file");

    private static async Task<HttpResponseMessage> RequestAsync(HttpClient client, RouteEndpoint endpoint, IReadOnlyDictionary<string, string> values)
    {
        var url = Url(endpoint.RoutePattern, values);
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
        if (methods.Contains(HttpMethods.Get))
        {
            return await client.GetAsync(url);
        }

        // A form post, with a valid antiforgery token of this user so that only access decides the answer.
        var token = await CertifyWebFactory.AntiforgeryTokenAsync(client, "/Account/Manage");
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        return await client.PostAsync(url, form);
    }

    private static string Url(RoutePattern pattern, IReadOnlyDictionary<string, string> values)
    {
        var url = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            url.Append('/');
            foreach (var part in segment.Parts)
            {
                url.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => values.TryGetValue(parameter.Name, out var value)
                        ? Uri.EscapeDataString(value)
                        : throw new InvalidOperationException(
                            $"Route {pattern.RawText} takes '{parameter.Name}', which {nameof(EndpointAccessTests)} does not know: add a demo value of tenant A for it in {nameof(DemoValuesAsync)}."),
                    _ => throw new InvalidOperationException($"Unexpected route part in {pattern.RawText}."),
                });
            }
        }

        return url.ToString();
    }

    private static bool Granted(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.OK
        || (response.StatusCode == HttpStatusCode.Redirect && !RedirectsTo(response, "/Account/") && !RedirectsTo(response, "/not-found"));

    private static bool RedirectsTo(HttpResponseMessage response, string path) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location is { } location
        && (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString).StartsWith(path, StringComparison.Ordinal);

    private static string Answer(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.Headers.Location?.OriginalString}".TrimEnd();

    private static string Describe(RouteEndpoint endpoint, IReadOnlyDictionary<string, string> values) =>
        $"{endpoint.RoutePattern.RawText} ({Url(endpoint.RoutePattern, values)})";

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, email);
        return client;
    }

    /// <summary>
    /// The value of every route parameter of a protected route, taken from tenant A's demo data (route parameter
    /// names are matched without regard to case). A member of tenant A with an authenticator, an enrolled program
    /// admin of another body and a notification and corrective-action file of tenant A are created once.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> DemoValuesAsync()
    {
        var companyId = await factory.CompanyIdAsync(CompanyARfc);
        var bodyId = await factory.BodyIdAsync(CertifyWebFactory.DemoBodySlug);
        var demo = await factory.WithDbAsync(db => db.Distinctives.Where(d => d.CompanyId == companyId)
            .Select(d => new { DistinctiveId = d.Id, d.AssessmentId, d.ProgramId }).SingleAsync());
        var evidence = await factory.WithDbAsync(db => db.EvidenceFiles.Where(e => e.AssessmentId == demo.AssessmentId)
            .OrderBy(e => e.Id).Select(e => new { e.Id, e.StorageKey }).FirstAsync());

        if (!await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.NormalizedEmail == InsiderEmail.ToUpperInvariant())))
        {
            var insider = await factory.CreateUserAsync(InsiderEmail, authenticator: true, platformAdmin: true);
            await factory.AddCompanyMembershipAsync(companyId, insider, CompanyRole.Owner);
            await factory.AddBodyMembershipAsync(bodyId, insider, BodyRole.ProgramAdmin);
            await factory.AddBodyMembershipAsync(bodyId, insider, BodyRole.Auditor);
            var otherBody = await factory.CreateBodyAsync("otro-organismo-acceso", "Otro organismo (acceso)");
            await factory.AddBodyMembershipAsync(otherBody, await factory.CreateUserAsync(OtherBodyAdminEmail, authenticator: true), BodyRole.ProgramAdmin);
            await factory.WithDbAsync(async db =>
            {
                var finding = await db.Findings.Where(f => f.AssessmentId == demo.AssessmentId).OrderBy(f => f.Id).FirstAsync();
                db.CorrectiveEvidence.Add(new CorrectiveEvidence
                {
                    FindingId = finding.Id, FileName = "constancia.pdf", StorageKey = evidence.StorageKey, ContentType = "application/pdf",
                    Size = 1, Sha256 = new string('0', 64), UploadedAt = DateTimeOffset.UtcNow, UploadedByUserId = insider,
                });
                db.Notifications.Add(new Notification
                {
                    UserId = insider, Kind = "test", DedupeKey = "endpoint-access", Url = $"/empresas/{companyId}",
                    DataJson = "{}", CreatedAt = DateTimeOffset.UtcNow,
                });
                await db.SaveChangesAsync();
            });
        }

        var correctiveEvidenceId = await factory.WithDbAsync(db => db.CorrectiveEvidence
            .Where(e => e.Finding!.AssessmentId == demo.AssessmentId).Select(e => e.Id).SingleAsync());
        var notificationId = await factory.WithDbAsync(db => db.Notifications
            .Where(n => n.DedupeKey == "endpoint-access").Select(n => n.Id).SingleAsync());
        var concernId = await factory.WithDbAsync(db => db.Concerns.Where(c => c.DistinctiveId == demo.DistinctiveId)
            .Select(c => (long?)c.Id).FirstOrDefaultAsync());
        if (concernId is null)
        {
            var code = await factory.WithDbAsync(db => db.Distinctives.Where(d => d.Id == demo.DistinctiveId).Select(d => d.VerificationCode).SingleAsync());
            concernId = (await factory.ReportConcernAsync(code, "Nos obligan a firmar la renuncia al sindicato para cobrar el bono.")).ConcernId;
        }

        var sampleId = await factory.WithDbAsync(async db =>
        {
            if (await db.RiskSamples.Where(s => s.CertifyingBodyId == bodyId).Select(s => (long?)s.Id).FirstOrDefaultAsync() is { } existing)
            {
                return existing;
            }

            var sample = new RiskSample
            {
                CertifyingBodyId = bodyId, Requested = 1, Seed = 7, Candidates = 1, DrawnAt = DateTimeOffset.UtcNow, DrawnByUserId = "test", ItemsJson = "[]",
            };
            db.RiskSamples.Add(sample);
            await db.SaveChangesAsync();
            return sample.Id;
        });

        var insiderId = await factory.UserIdAsync(InsiderEmail);
        var buyerId = await factory.WithDbAsync(async db =>
        {
            if (await db.BuyerMemberships.Where(m => m.UserId == insiderId).Select(m => (int?)m.BuyerId).FirstOrDefaultAsync() is { } existing)
            {
                return existing;
            }

            var buyer = new Buyer { Name = "Comprador (acceso)", CreatedAt = DateTimeOffset.UtcNow };
            buyer.Members.Add(new BuyerMembership { UserId = insiderId, Role = CompanyRole.Owner, CreatedAt = DateTimeOffset.UtcNow });
            db.Buyers.Add(buyer);
            await db.SaveChangesAsync();
            return buyer.Id;
        });

        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["buyerId"] = buyerId.ToString(),
            ["sampleId"] = sampleId.ToString(),
            ["companyId"] = companyId.ToString(),
            ["assessmentId"] = demo.AssessmentId.ToString(),
            ["bodyId"] = bodyId.ToString(),
            ["programId"] = demo.ProgramId.ToString(),
            ["evidenceId"] = evidence.Id.ToString(),
            ["correctiveEvidenceId"] = correctiveEvidenceId.ToString(),
            ["distinctiveId"] = demo.DistinctiveId.ToString(),
            ["notificationId"] = notificationId.ToString(),
            ["concernId"] = concernId.Value.ToString(),
            ["kind"] = "evaluaciones",
            ["format"] = "csv",

            // The jobs dashboard's own pages (platform admins only): its home page.
            ["path"] = "",
        };
    }
}
