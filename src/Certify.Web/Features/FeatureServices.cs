using Certify.Web.Features.Assessments;
using Certify.Web.Features.Audit;
using Certify.Web.Features.CertifyingBodies;
using Certify.Web.Features.Distinctives;
using Certify.Web.Features.Distinctives.Certificates;
using Certify.Web.Features.Exports;
using Certify.Web.Features.Notifications;
using Certify.Web.Features.Organizations;
using Certify.Web.Features.Reports;
using Certify.Web.Features.Reviews;
using Certify.Web.Features.Tenancy;

namespace Certify.Web.Features;

public static class FeatureServices
{
    public static IServiceCollection AddCertifyFeatures(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddScoped<TenantAccess>();
        services.AddScoped<CompanyService>();
        services.AddScoped<TeamService>();
        services.AddScoped<AuditTrailService>();
        services.AddTransient<AuditSealer>();
        services.AddTransient<AuditSealJob>();
        services.AddSingleton<QuestionnaireRegistry>();
        services.AddScoped<AssessmentService>();
        services.AddScoped<CorrectiveActionService>();
        services.AddScoped<AssessmentTimelineService>();
        services.AddTransient<SubmissionReceivedJob>();
        services.AddTransient<SubmissionReconcileJob>();
        services.AddTransient<RouteSubmissionJob>();
        services.AddScoped<ReviewQueueService>();
        services.AddScoped<ReviewService>();
        services.AddScoped<ProgramSettingsService>();
        services.AddTransient<DistinctiveExpiryJob>();
        services.AddScoped<Notifier>();
        services.AddScoped<NotificationService>();
        services.AddTransient<ReviewDeadlineJob>();
        services.AddTransient<CorrectiveActionReminderJob>();
        services.AddSingleton<DistinctiveUrls>();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<CredentialSignatureCheck>();
        services.AddSingleton<Concerns.ConcernLimits>();
        services.AddScoped<Concerns.ConcernService>();
        services.AddTransient<Concerns.ConcernDeadlineJob>();
        services.AddTransient<Concerns.FollowUpDeadlineJob>();
        services.AddScoped<Concerns.ConcernFiguresService>();
        services.AddScoped<Concerns.FollowUpReviewService>();
        services.AddSingleton<Risk.RiskModels>();
        services.AddScoped<Risk.RiskText>();
        services.AddScoped<Risk.RiskRankingService>();
        services.AddTransient<Risk.RiskTrainingJob>();
        services.AddScoped<DistinctiveDocuments>();
        services.AddScoped<CompanyDistinctiveService>();
        services.AddSingleton<VerificationCounter>();
        services.AddScoped<Dashboards.BodyDashboardService>();
        services.AddScoped<Dashboards.CompanyDashboardService>();
        services.AddScoped<Registry.RegistryStatsService>();
        services.AddTransient<IssueDistinctiveJob>();
        services.AddTransient<DistinctiveReconcileJob>();
        services.AddSingleton<ICertificateRenderer, PdfCertificateRenderer>();
        services.AddScoped<RegistryService>();
        services.AddSingleton<RegistryCountCache>();
        services.AddScoped<DistinctiveLookupService>();
        services.AddSingleton<DistinctiveCache>();
        services.AddScoped<DistinctiveLifecycleService>();
        services.AddSingleton<AssessmentReportRenderer>();
        services.AddScoped<AssessmentReportService>();
        services.AddScoped<ExportService>();
        return services;
    }
}
