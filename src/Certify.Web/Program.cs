using Certify.Data;
using Certify.Data.Entities;
using Certify.Web.Components;
using Certify.Web.Components.Account;
using Certify.Web.Data;
using Certify.Web.Features;
using Certify.Web.Features.Assessments;
using Certify.Web.Features.Buyers;
using Certify.Web.Features.Distinctives;
using Certify.Web.Features.Exports;
using Certify.Web.Features.Notifications;
using Certify.Web.Features.Reports;
using Certify.Web.Features.Risk;
using Certify.Web.Features.Registry;
using Certify.Web.Identity;
using Certify.Web.Infrastructure;
using Certify.Web.Infrastructure.Email;
using Certify.Web.Infrastructure.Files;
using Certify.Web.Jobs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

var builder = WebApplication.CreateBuilder(args);
if (!builder.Environment.IsDevelopment())
{
    builder.Logging.ClearProviders().AddJsonConsole();
}

var paths = new DataPaths(builder.Configuration, builder.Environment);
builder.Services.AddSingleton(paths);
builder.Services.AddSingleton(TimeProvider.System);

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddCertifyLocalization();
builder.Services.AddCertifyDatabase(builder.Configuration, paths);
builder.Services.AddCertifyHealthChecks();
builder.Services.AddCertifyDataProtection(builder.Configuration, paths);
builder.Services.AddCertifyHostSecurity(builder.Configuration, builder.Environment);
builder.Services.AddCertifyJobs(builder.Configuration, paths);

// Identity
builder.Services.Configure<SecurityOptions>(builder.Configuration.GetSection("Security"));
var security = builder.Configuration.GetSection("Security").Get<SecurityOptions>() ?? new SecurityOptions();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<IdentityRedirectManager>();
builder.Services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
builder.Services.AddAuthentication(options =>
    {
        options.DefaultScheme = IdentityConstants.ApplicationScheme;
        options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
    })
    .AddIdentityCookies();
builder.Services.ConfigureApplicationCookie(cookie =>
{
    cookie.LoginPath = "/Account/Login";
    cookie.AccessDeniedPath = "/Account/AccessDenied";
    cookie.Cookie.HttpOnly = true;
    cookie.Cookie.SameSite = SameSiteMode.Lax;
    cookie.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
    cookie.ExpireTimeSpan = security.CookieLifetime;
    cookie.SlidingExpiration = false;
});
builder.Services.AddIdentityCore<ApplicationUser>(options =>
    {
        options.SignIn.RequireConfirmedAccount = true;
        options.SignIn.RequireConfirmedEmail = true;
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 12;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
    })
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<CertifyDbContext>()
    .AddSignInManager()
    .AddDefaultTokenProviders()
    .AddClaimsPrincipalFactory<CertifyClaimsPrincipalFactory>()
    .AddPasswordValidator<CommonPasswordValidator>()
    .AddErrorDescriber<LocalizedIdentityErrorDescriber>();
builder.Services.AddCertifySessions();
builder.Services.AddSingleton(sp => CommonPasswordList.Load(
    Path.Combine(SeedPaths.Root(builder.Configuration), "security", "common-passwords.txt")));
builder.Services.AddScoped<IEmailSender<ApplicationUser>, IdentityEmailSender>();
// Every [Authorize] page and RequireAuthorization() endpoint asks for the staff authenticator as well; only the pages
// where staff enrol one (Policies.SignedIn) do not. What a user may touch is then decided by TenantAccess.
builder.Services.AddAuthorizationBuilder()
    .SetDefaultPolicy(new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .AddRequirements(new StaffTwoFactorRequirement())
        .Build())
    .AddPolicy(Policies.SignedIn, policy => policy.RequireAuthenticatedUser())
    .AddPolicy(Policies.PlatformAdmin, policy => policy
        .RequireAuthenticatedUser()
        .RequireRole(CertifyClaims.PlatformAdminRole)
        .AddRequirements(new StaffTwoFactorRequirement()))
    .AddPolicy(Policies.BodyStaff, policy => policy
        .RequireAuthenticatedUser()
        .RequireClaim(CertifyClaims.BodyStaff)
        .AddRequirements(new StaffTwoFactorRequirement()));
builder.Services.AddSingleton<StaffTwoFactorRule>();
builder.Services.AddSingleton<IAuthorizationHandler, StaffTwoFactorHandler>();
builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, StaffTwoFactorResultHandler>();

// E-mail
builder.Services.Configure<EmailOptions>(builder.Configuration.GetSection("Email"));
builder.Services.AddSingleton<IMailTransport>(sp =>
{
    var options = builder.Configuration.GetSection("Email").Get<EmailOptions>() ?? new EmailOptions();
    return string.IsNullOrWhiteSpace(options.Smtp.Host)
        ? new PickupFolderMailTransport(paths.EnsureDirectory(options.PickupDirectory))
        : new SmtpMailTransport(options.Smtp);
});
builder.Services.AddScoped<EmailOutbox>();
builder.Services.AddTransient<SendEmailJob>();
builder.Services.AddTransient<ResendUnsentEmailsJob>();

builder.Services.AddCertifyFileStore(builder.Configuration, paths);
builder.Services.AddCertifyFeatures();
builder.Services.AddDistinctiveApi(builder.Configuration);
builder.Services.AddBuyers(builder.Configuration);
builder.Services.AddCertifySeeding(builder.Configuration);

var app = builder.Build();

if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
{
    await DatabaseSetup.MigrateAsync(app.Services, CancellationToken.None);
}

await app.Services.GetRequiredService<DatabaseSeeder>().SeedAsync(CancellationToken.None);
RecurringJobs.Register(app.Services);

// First, so everything after it (HTTPS redirection, the rate limiter, logs) sees the client behind a known proxy.
app.UseForwardedHeaders();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseCertifySecurityHeaders();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();

// The limiter runs before the output cache, so answers served from the cache count against the client's limit too.
app.UseRateLimiter();
app.UseOutputCache();
app.UseAntiforgery();

// Endpoints anyone may call are marked AllowAnonymous where they are mapped; EndpointAccessTests holds every other
// endpoint that takes an id to the tenant and staff two-factor checks.
app.MapStaticAssets().AllowAnonymous();
app.MapCertifyHealthChecks();
app.MapCultureSwitch();
app.MapEvidenceEndpoints();
app.MapNotificationEndpoints();
app.MapDistinctiveDocumentEndpoints();
app.MapDistinctiveApi();
app.MapReportEndpoints();
app.MapExportEndpoints();
app.MapRiskEndpoints();
app.MapBuyerEndpoints();
app.MapRegistryExport();
app.MapCertifyJobsDashboard();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("Certify is running on {Urls} (database: {Provider}, data folder: {DataFolder})",
        string.Join(", ", app.Urls), DatabaseSetup.Provider(app.Configuration), paths.Root));

app.Run();
