using Certify.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using AccountStrings = Certify.Web.Resources.Account;

namespace Certify.Web.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager, IStringLocalizer<AccountStrings> localizer)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    /// <summary>Marks a status message carried in the cookie as an error (shown in red).</summary>
    public const string ErrorPrefix = "error:";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri)
    {
        uri ??= "";

        // Prevent open redirects: an address of this site becomes relative, anything else (another host, a crafted
        // path) goes home.
        if (!Uri.IsWellFormedUriString(uri, UriKind.Relative)
            || uri.StartsWith("//", StringComparison.Ordinal)
            || uri.StartsWith("/\\", StringComparison.Ordinal))
        {
            uri = uri.StartsWith(navigationManager.BaseUri, StringComparison.OrdinalIgnoreCase)
                ? navigationManager.ToBaseRelativePath(uri)
                : "";
        }

        navigationManager.NavigateTo(uri);
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context, bool isError = false)
    {
        context.Response.Cookies.Append(StatusCookieName, (isError ? ErrorPrefix : "") + message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context, bool isError = false)
        => RedirectToWithStatus(CurrentPath, message, context, isError);

    public void RedirectToInvalidUser(HttpContext context)
        => RedirectToWithStatus("Account/InvalidUser", localizer["InvalidUserMessage"], context, isError: true);

    /// <summary>
    /// Where to go after signing in: the return URL when it points inside this site, otherwise the page that routes
    /// the user to their workspace.
    /// </summary>
    public static string AfterSignIn(string? returnUrl) => IsLocalUrl(returnUrl) ? returnUrl! : "inicio";

    public static bool IsLocalUrl(string? url) => LocalUrl.IsLocal(url);
}
