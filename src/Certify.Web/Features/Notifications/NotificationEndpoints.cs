using Microsoft.AspNetCore.Antiforgery;

namespace Certify.Web.Features.Notifications;

public static class NotificationEndpoints
{
    /// <summary>
    /// Opening a notification from the bell or the notifications page: a form POST (antiforgery-checked) that marks it
    /// read and redirects to its page. Another user's id is 404; a stored URL that is not a local path goes to the list.
    /// </summary>
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/notificaciones/{notificationId:long}/abrir", async (
            long notificationId, HttpContext context, IAntiforgery antiforgery, NotificationService notifications, CancellationToken ct) =>
        {
            // No form binding here, so the antiforgery middleware does not reject on its own: check explicitly.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            if (await notifications.OpenAsync(notificationId, context.User, ct) is not { } url)
            {
                return Results.NotFound();
            }

            return Results.LocalRedirect(NotificationService.IsLocalPath(url) ? url : "/notificaciones");
        }).RequireAuthorization();
        return endpoints;
    }
}
