using System.Security.Claims;
using System.Text;
using Certify.Data.Entities;
using Certify.Domain.Companies;
using Certify.Domain.Questionnaires;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Assessments;
using Certify.Web.Identity;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Assessments;

/// <summary>
/// A member of one company (or of a body's staff), with the principal a signed-in circuit would hand to the services:
/// signed in with an authenticator, as staff must be.
/// </summary>
public sealed record CompanyUser(int CompanyId, string UserId, string Email)
{
    public ClaimsPrincipal Principal { get; } = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, UserId), new Claim(ClaimTypes.Name, Email), new Claim(CertifyClaims.TwoFactorEnabled, "true")], "test"));
}

/// <summary>
/// Companies, assessments and evidence for the assessment tests. A company has one open assessment per program, so
/// tests that need a clean assessment make a company of their own instead of sharing the demo ones.
/// </summary>
public static class AssessmentTestData
{
    public const string ProgramCode = "DRL-AUTO";
    public const string ProgramAdminEmail = "programa@capb.demo";

    private const string Base36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private static int _companies;

    /// <summary>A small file that is a PDF by its content; <paramref name="text"/> makes its bytes (and hash) distinct.</summary>
    public static byte[] Pdf(string text = "evidencia") => Encoding.ASCII.GetBytes($"%PDF-1.4\n% {text}\n%%EOF\n");

    public static async Task<CompanyUser> DemoOwnerAsync(this CertifyWebFactory factory, string email, string rfc) =>
        new(await factory.CompanyIdAsync(rfc), await factory.UserIdAsync(email), email);

    /// <summary>A new company named <paramref name="tradeName"/> with a confirmed owner who can also sign in with the demo password.</summary>
    public static async Task<CompanyUser> CreateCompanyAsync(this CertifyWebFactory factory, string tradeName)
    {
        var n = Interlocked.Increment(ref _companies);
        var rfc = TestData.ValidRfc($"TST250101{Base36[n / 36 % 36]}{Base36[n % 36]}");
        var companyId = await factory.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var company = new Company
            {
                LegalName = $"{tradeName}, S.A. de C.V.",
                TradeName = tradeName,
                Rfc = rfc,
                State = MexicanState.Guanajuato,
                Municipality = "León",
                Workers = 120,
                Tier = AutoPartsTier.Tier2,
                CreatedAt = now,
                UpdatedAt = now,
                Version = Guid.NewGuid(),
            };
            db.Companies.Add(company);
            await db.SaveChangesAsync();
            return company.Id;
        });
        return await factory.AddMemberAsync(companyId, $"owner-{n}@assessments.example", CompanyRole.Owner);
    }

    public static async Task<CompanyUser> AddMemberAsync(this CertifyWebFactory factory, int companyId, string email, CompanyRole role = CompanyRole.Member)
    {
        var userId = await factory.CreateUserAsync(email);
        await factory.AddCompanyMembershipAsync(companyId, userId, role);
        return new CompanyUser(companyId, userId, email);
    }

    public static async Task<int> ProgramIdAsync(this CertifyWebFactory factory) =>
        await factory.WithDbAsync(db => db.Programs.Where(p => p.Code == ProgramCode).Select(p => p.Id).SingleAsync());

    /// <summary>Runs <paramref name="action"/> on an AssessmentService from a scope of its own, as one request or circuit would.</summary>
    public static async Task<T> WithServiceAsync<T>(this CertifyWebFactory factory, Func<AssessmentService, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AssessmentService>());
    }

    /// <summary>Runs <paramref name="action"/> on a feature service resolved from a scope of its own.</summary>
    public static async Task<T> WithServiceAsync<TService, T>(this CertifyWebFactory factory, Func<TService, Task<T>> action)
        where TService : notnull
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public static async Task<int> StartAssessmentAsync(this CertifyWebFactory factory, CompanyUser user)
    {
        var programId = await factory.ProgramIdAsync();
        var id = await factory.WithServiceAsync(s => s.StartAsync(user.CompanyId, programId, user.Principal, CancellationToken.None));
        return id ?? throw new InvalidOperationException($"No assessment started for company {user.CompanyId}.");
    }

    public static async Task<SaveAnswerResult> SaveAsync(
        this CertifyWebFactory factory, CompanyUser user, int assessmentId, string questionCode, AnswerValue value, long expectedVersion) =>
        await factory.WithServiceAsync(s => s.SaveAnswerAsync(
            user.CompanyId, assessmentId, questionCode, value, null, expectedVersion, user.Principal, CancellationToken.None));

    public static async Task<UploadResult> UploadAsync(
        this CertifyWebFactory factory, CompanyUser user, int assessmentId, string questionCode, byte[] content, string fileName) =>
        await factory.UploadAsync(user, assessmentId, questionCode, new MemoryStream(content), fileName);

    public static async Task<UploadResult> UploadAsync(
        this CertifyWebFactory factory, CompanyUser user, int assessmentId, string questionCode, Stream content, string fileName)
    {
        await using (content)
        {
            return await factory.WithServiceAsync(s => s.UploadEvidenceAsync(
                user.CompanyId, assessmentId, questionCode, content, fileName, user.Principal, CancellationToken.None));
        }
    }

    public static async Task<AssessmentView> ViewAsync(this CertifyWebFactory factory, CompanyUser user, int assessmentId) =>
        await factory.WithServiceAsync(s => s.GetAsync(user.CompanyId, assessmentId, user.Principal, CancellationToken.None))
        ?? throw new InvalidOperationException($"Assessment {assessmentId} is not visible to {user.Email}.");

    /// <summary>
    /// Answers every visible question with a fully compliant answer, round after round because an answer can show
    /// more questions, then uploads one PDF wherever the completeness check still asks for evidence.
    /// </summary>
    public static async Task<AssessmentView> CompleteCompliantlyAsync(this CertifyWebFactory factory, CompanyUser user, int assessmentId)
    {
        var view = await factory.ViewAsync(user, assessmentId);
        var sample = SampleAnswers.Fill(view.Definition, DateOnly.FromDateTime(DateTime.UtcNow));
        foreach (var (code, value) in sample.Answers.Where(a => !view.Answers.ContainsKey(a.Key)))
        {
            var saved = await factory.SaveAsync(user, assessmentId, code, value, 0);
            Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        }

        view = await factory.ViewAsync(user, assessmentId);
        foreach (var missing in Completeness.Check(view.Definition, view.Sheet()))
        {
            Assert.Equal(MissingKind.Evidence, missing.Kind);
            var upload = await factory.UploadAsync(user, assessmentId, missing.QuestionCode, Pdf(missing.QuestionCode), $"{missing.QuestionCode}.pdf");
            Assert.Equal(UploadOutcome.Stored, upload.Outcome);
        }

        return await factory.ViewAsync(user, assessmentId);
    }

    /// <summary>A new company whose DRL-AUTO assessment is complete, compliant and submitted.</summary>
    public static async Task<(CompanyUser Owner, int AssessmentId)> SubmittedAssessmentAsync(this CertifyWebFactory factory, string tradeName, bool submit = true)
    {
        var owner = await factory.CreateCompanyAsync(tradeName);
        var id = await factory.StartAssessmentAsync(owner);
        await factory.CompleteCompliantlyAsync(owner, id);
        if (!submit)
        {
            return (owner, id);
        }

        var result = await factory.WithServiceAsync(s => s.SubmitAsync(owner.CompanyId, id, owner.Principal, CancellationToken.None));
        Assert.Equal(SubmitOutcome.Submitted, result.Outcome);
        return (owner, id);
    }

    /// <summary>Every file in the local evidence store (Files:LocalRoot defaults to {DataDirectory}/files).</summary>
    public static IReadOnlySet<string> StoredFiles(this CertifyWebFactory factory)
    {
        var root = FilesRoot(factory);
        return Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
    }

    public static string FilesRoot(this CertifyWebFactory factory) => Path.Combine(factory.DataDirectory, "files");
}
