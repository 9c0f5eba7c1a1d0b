using System.Net;
using System.Text.Json;
using Certify.Data.Entities;
using Certify.Web.Features.Notifications;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Certify.Web.Tests.Features.Notifications;

/// <summary>The navbar bell, the /notificaciones page and the open endpoint, over HTTP; each test has users of its own.</summary>
public sealed class NotificationPageTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private static int _users;

    [Fact]
    public async Task Get_AnyPage_UserWithUnreadNotifications_BellShowsUnreadCountAndLatest()
    {
        var (email, userId) = await UserAsync();
        await AddAsync(userId, "Bell Uno", read: false);
        await AddAsync(userId, "Bell Dos", read: true);
        await AddAsync(userId, "Bell Tres", read: false);
        using var client = await SignedInAsync(email);

        var page = CertifyWebFactory.Parse(await client.GetStringAsync("/"));

        Assert.Equal("2", page.QuerySelector("[data-testid=bell-count]")!.TextContent.Trim());
        Assert.Equal("2 notificaciones sin leer", page.QuerySelector("[data-testid=bell-unread]")!.TextContent.Trim());
        var items = page.QuerySelectorAll("[data-testid=bell-items] button").Select(b => b.TextContent).ToList();
        Assert.Equal(3, items.Count);
        Assert.Contains("Revisión asignada: Bell Tres", items[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Notifications_Spanish_ListsNewestFirstRenderedInSpanish()
    {
        var (email, userId) = await UserAsync();
        await AddAsync(userId, "Lista Antigua", read: true);
        await AddAsync(userId, "Lista Nueva", read: false);
        using var client = await SignedInAsync(email);

        var page = CertifyWebFactory.Parse(await client.GetStringAsync("/notificaciones"));

        var titles = page.QuerySelectorAll("[data-notification] [data-col=title]").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["Revisión asignada: Lista Nueva", "Revisión asignada: Lista Antigua"], titles);
        Assert.Contains("Vence el 3 de marzo de 2031", page.QuerySelector("[data-notification] [data-col=body]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["true", "false"], page.QuerySelectorAll("[data-notification]").Select(e => e.GetAttribute("data-unread")));
        Assert.Equal("1 notificación sin leer", page.QuerySelector("[data-testid=unread-count]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Get_Notifications_English_RendersInEnglish()
    {
        var (email, userId) = await UserAsync();
        await AddAsync(userId, "Idioma", read: false);
        using var client = await SignedInAsync(email);
        using (await client.GetAsync("/cultura/en-US?returnUrl=/"))
        {
        }

        var page = CertifyWebFactory.Parse(await client.GetStringAsync("/notificaciones"));

        Assert.Equal("Review assigned: Idioma", page.QuerySelector("[data-notification] [data-col=title]")!.TextContent.Trim());
        Assert.Contains("Due on March 3, 2031", page.QuerySelector("[data-notification] [data-col=body]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1 unread notification", page.QuerySelector("[data-testid=bell-unread]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Get_Notifications_MoreThanAPage_PagesByTwenty()
    {
        var (email, userId) = await UserAsync();
        for (var i = 0; i < NotificationService.PageSize + 3; i++)
        {
            await AddAsync(userId, $"Página {i}", read: true);
        }

        using var client = await SignedInAsync(email);

        var first = CertifyWebFactory.Parse(await client.GetStringAsync("/notificaciones"));
        var second = CertifyWebFactory.Parse(await client.GetStringAsync("/notificaciones?pagina=2"));

        Assert.Equal(NotificationService.PageSize, first.QuerySelectorAll("[data-notification]").Length);
        Assert.Equal(3, second.QuerySelectorAll("[data-notification]").Length);
        Assert.Equal("Revisión asignada: Página 2", second.QuerySelector("[data-notification] [data-col=title]")!.TextContent.Trim());
    }

    [Fact]
    public async Task PostOpen_OwnNotification_MarksItReadAndRedirectsToItsPage()
    {
        var (email, userId) = await UserAsync();
        var id = await AddAsync(userId, "Abrir", read: false, url: "/organismos/7/revisiones");
        using var client = await SignedInAsync(email);
        var token = await CertifyWebFactory.AntiforgeryTokenAsync(client, "/notificaciones");

        using var response = await PostOpenAsync(client, id, token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/organismos/7/revisiones", response.Headers.Location!.OriginalString);
        Assert.NotNull(await ReadAtAsync(id));
        var page = CertifyWebFactory.Parse(await client.GetStringAsync("/notificaciones"));
        Assert.Null(page.QuerySelector("[data-testid=bell-count]"));
        Assert.Equal("0 notificaciones sin leer", page.QuerySelector("[data-testid=unread-count]")!.TextContent.Trim());
    }

    [Fact]
    public async Task PostOpen_AnotherUsersNotification_Returns404AndLeavesItUnread()
    {
        var (_, ownerId) = await UserAsync();
        var id = await AddAsync(ownerId, "Ajena", read: false);
        var (strangerEmail, _) = await UserAsync();
        using var client = await SignedInAsync(strangerEmail);
        var token = await CertifyWebFactory.AntiforgeryTokenAsync(client, "/notificaciones");

        using var response = await PostOpenAsync(client, id, token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await ReadAtAsync(id));
    }

    [Fact]
    public async Task PostOpen_WithoutAntiforgeryToken_IsRefused()
    {
        var (email, userId) = await UserAsync();
        var id = await AddAsync(userId, "Sin Token", read: false);
        using var client = await SignedInAsync(email);

        using var response = await client.PostAsync($"/notificaciones/{id}/abrir", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await ReadAtAsync(id));
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/x")]
    [InlineData("/\\evil.example")]
    public async Task PostOpen_StoredUrlNotLocal_RedirectsToTheList(string url)
    {
        var (email, userId) = await UserAsync();
        var id = await AddAsync(userId, "Externa", read: false, url: url);
        using var client = await SignedInAsync(email);
        var token = await CertifyWebFactory.AntiforgeryTokenAsync(client, "/notificaciones");

        using var response = await PostOpenAsync(client, id, token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/notificaciones", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task PostMarkAllRead_MarksOnlyTheUsersNotifications()
    {
        var (email, userId) = await UserAsync();
        await AddAsync(userId, "Todas Uno", read: false);
        await AddAsync(userId, "Todas Dos", read: false);
        var (_, otherId) = await UserAsync();
        var other = await AddAsync(otherId, "Todas Otro", read: false);
        using var client = await SignedInAsync(email);

        using var response = await CertifyWebFactory.PostFormAsync(client, "/notificaciones", "mark-all-read", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = CertifyWebFactory.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Se marcaron 2 notificaciones como leídas.", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null)));
        Assert.Null(await ReadAtAsync(other));
    }

    [Fact]
    public async Task Get_Notifications_Anonymous_RedirectsToLogin()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync("/notificaciones");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
    }

    private async Task<(string Email, string UserId)> UserAsync()
    {
        var email = $"user-{Interlocked.Increment(ref _users)}@notifications.example";
        return (email, await factory.CreateUserAsync(email));
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, email);
        return client;
    }

    private Task<long> AddAsync(string userId, string company, bool read, string url = "/organismos/1/revisiones") =>
        factory.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var notification = new Notification
            {
                UserId = userId,
                Kind = nameof(NotificationKind.ReviewAssigned),
                DedupeKey = $"test:{Guid.NewGuid():N}",
                Url = url,
                DataJson = JsonSerializer.Serialize(new Dictionary<string, string> { ["company"] = company, ["program"] = "DRL-AUTO", ["due"] = "2031-03-03" }),
                CreatedAt = now.AddMinutes(-5),
                ReadAt = read ? now : null,
            };
            db.Notifications.Add(notification);
            await db.SaveChangesAsync();
            return notification.Id;
        });

    private Task<DateTimeOffset?> ReadAtAsync(long id) =>
        factory.WithDbAsync(db => db.Notifications.Where(n => n.Id == id).Select(n => n.ReadAt).SingleAsync());

    private static async Task<HttpResponseMessage> PostOpenAsync(HttpClient client, long id, string token)
    {
        using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("__RequestVerificationToken", token)]);
        return await client.PostAsync($"/notificaciones/{id}/abrir", content);
    }
}
