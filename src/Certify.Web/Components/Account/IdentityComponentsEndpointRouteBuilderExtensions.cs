using System.Security.Claims;
using System.Text.Json;
using Certify.Data.Entities;
using Certify.Web.Features.Audit;
using Certify.Data;
using Certify.Domain.Sessions;
using Certify.Web.Identity;
using Certify.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Certify.Web.Components.Account;

internal static class IdentityComponentsEndpointRouteBuilderExtensions
{
    // Endpoints the Identity Razor components in Components/Account/Pages post to.
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var accountGroup = endpoints.MapGroup("/Account");

        accountGroup.MapPost("/Logout", async (
            ClaimsPrincipal user,
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromServices] CertifyDbContext db,
            [FromServices] TimeProvider clock,
            [FromServices] UserSessions sessions,
            [FromForm] string? returnUrl) =>
        {
            if (user.Identity?.IsAuthenticated == true)
            {
                db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.UserSignedOut, "User", AuditActor.From(user).UserId));
                await db.SaveChangesAsync();
            }

            // Ending the record is what signs out: deleting the cookie alone would leave any copy of it working.
            if (UserSessions.SessionId(user) is { } sessionId)
            {
                await sessions.EndAsync(sessionId, SessionEndReason.SignedOut, CancellationToken.None);
            }

            await signInManager.SignOutAsync();
            
            // The form posts a path relative to the site; a crafted one (a tab, a backslash, another host) goes home.
            return TypedResults.LocalRedirect(LocalUrl.OrHome("/" + returnUrl));
        });

        // Staff reach their own account pages before enrolling an authenticator (the enrolment page is one of them).
        var manageGroup = accountGroup.MapGroup("/Manage").RequireAuthorization(Policies.SignedIn);

        manageGroup.MapPost("/DownloadPersonalData", async (
            HttpContext context,
            [FromServices] UserManager<ApplicationUser> userManager,
            [FromServices] IAntiforgery antiforgery) =>
        {
            // No form field is bound, so nothing would check the token by itself: another site's form could post here.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            var user = await userManager.GetUserAsync(context.User);
            if (user is null)
            {
                return Results.NotFound();
            }

            var personalData = new Dictionary<string, string>
            {
                ["Id"] = user.Id,
                ["UserName"] = user.UserName ?? "",
                ["Email"] = user.Email ?? "",
                ["DisplayName"] = user.DisplayName,
                ["PreferredCulture"] = user.PreferredCulture,
                ["TwoFactorEnabled"] = user.TwoFactorEnabled ? "true" : "false",
            };
            var fileBytes = JsonSerializer.SerializeToUtf8Bytes(personalData);
            return TypedResults.File(fileBytes, contentType: "application/json", fileDownloadName: "PersonalData.json");
        }).PrivateNoStoreDownload();

        return accountGroup;
    }
}
