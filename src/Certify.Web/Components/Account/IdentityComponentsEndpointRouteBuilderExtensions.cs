using System.Security.Claims;
using System.Text.Json;
using Certify.Data.Entities;
using Certify.Web.Features.Audit;
using Certify.Data;
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
            [FromForm] string returnUrl) =>
        {
            if (user.Identity?.IsAuthenticated == true)
            {
                db.AuditEvents.Add(AuditLog.Event(clock, AuditActor.From(user), AuditActions.UserSignedOut, "User", AuditActor.From(user).UserId));
                await db.SaveChangesAsync();
            }

            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect($"~/{returnUrl}");
        });

        var manageGroup = accountGroup.MapGroup("/Manage").RequireAuthorization();

        manageGroup.MapPost("/DownloadPersonalData", async (
            HttpContext context,
            [FromServices] UserManager<ApplicationUser> userManager) =>
        {
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
        });

        return accountGroup;
    }
}
