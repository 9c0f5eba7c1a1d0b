using System.Security.Claims;
using System.Text;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Companies;
using Certify.Domain.Questionnaires;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Assessments;
using Certify.Web.Features.Distinctives;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.EndToEnd.Tests;

/// <summary>A company a journey arranged for itself: its owner's account, its issued assessment and distinctive's code.</summary>
public sealed record IssuedCompany(int CompanyId, int AssessmentId, string VerificationCode, string OwnerEmail);

/// <summary>Companies and assessments arranged through the app's own services, for journeys that start further along.</summary>
public sealed partial class AppFixture
{
    public const string DemoProgram = "DRL-AUTO";

    /// <summary>The RFC that starts with <paramref name="firstEleven"/> and passes the RFC rules (its last character completes it).</summary>
    public static string ValidRfc(string firstEleven) =>
        "0123456789A".Select(digit => firstEleven + digit).First(rfc => Rfc.Validate(rfc).IsValid);

    /// <summary>
    /// The company's DRL-AUTO assessment started by the owner and answered fully compliant through the app's service,
    /// with a PDF wherever evidence is asked and on <paramref name="alsoEvidence"/>; not submitted.
    /// </summary>
    public async Task<int> AnswerCompliantlyAsync(int companyId, string ownerEmail, params string[] alsoEvidence)
    {
        await using var scope = Services.CreateAsyncScope();
        var assessments = scope.ServiceProvider.GetRequiredService<AssessmentService>();
        var (userId, programId) = await WithDbAsync(async db => (
            await db.Users.Where(u => u.Email == ownerEmail).Select(u => u.Id).SingleAsync(),
            await db.Programs.Where(p => p.Code == DemoProgram).Select(p => p.Id).SingleAsync()));
        var owner = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, ownerEmail)], "e2e"));
        var id = await assessments.StartAsync(companyId, programId, owner, CancellationToken.None) ?? throw new InvalidOperationException("Not started.");

        var view = (await assessments.GetAsync(companyId, id, owner, CancellationToken.None))!;
        var answers = new Dictionary<string, AnswerValue>(StringComparer.Ordinal);
        while (Visibility.VisibleQuestions(view.Definition, answers).Where(c => !answers.ContainsKey(c)).ToList() is { Count: > 0 } open)
        {
            foreach (var code in open)
            {
                var question = view.Definition.FindQuestion(code)!;
                var value = question.Type == AnswerType.Date
                    ? AnswerValue.Date(DateOnly.FromDateTime(DateTime.Today).AddMonths(-1))
                    : AnswerValue.Choice(question.Options.First(o => o.Compliance == 1m).Value);
                await assessments.SaveAnswerAsync(companyId, id, code, value, null, 0, owner, CancellationToken.None);
                answers[code] = value;
            }
        }

        view = (await assessments.GetAsync(companyId, id, owner, CancellationToken.None))!;
        foreach (var code in Completeness.Check(view.Definition, view.Sheet()).Select(m => m.QuestionCode).Concat(alsoEvidence).Distinct())
        {
            await using var pdf = new MemoryStream(Encoding.ASCII.GetBytes($"%PDF-1.4\n% {code}\n%%EOF\n"));
            await assessments.UploadEvidenceAsync(companyId, id, code, pdf, $"{code}.pdf", owner, CancellationToken.None);
        }

        return id;
    }

    /// <summary>
    /// A new company (created once per RFC) with an owner who signs in with <paramref name="password"/>, and an
    /// assessment answered through the app, approved at level A and issued by the app's own issuance job: a real
    /// issued assessment behind an active distinctive, which no other journey touches.
    /// </summary>
    public async Task<IssuedCompany> IssuedCompanyAsync(string legalName, string rfc, string ownerEmail, string password)
    {
        var now = DateTimeOffset.UtcNow;
        var companyId = await WithDbAsync(async db =>
        {
            if (await db.Companies.Where(c => c.Rfc == rfc).Select(c => (int?)c.Id).SingleOrDefaultAsync() is { } existing)
            {
                return existing;
            }

            var company = new Company
            {
                LegalName = legalName, Rfc = rfc, State = MexicanState.Guanajuato, Municipality = "León", Workers = 180, Tier = AutoPartsTier.Tier2,
                CreatedAt = now, UpdatedAt = now, Version = Guid.NewGuid(),
            };
            db.Companies.Add(company);
            await db.SaveChangesAsync();
            return company.Id;
        });

        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            if (await users.FindByEmailAsync(ownerEmail) is null)
            {
                var user = new ApplicationUser { UserName = ownerEmail, Email = ownerEmail, EmailConfirmed = true, DisplayName = legalName };
                if (!(await users.CreateAsync(user, password)).Succeeded)
                {
                    throw new InvalidOperationException($"Could not create {ownerEmail}.");
                }

                await WithDbAsync(async db =>
                {
                    db.CompanyMemberships.Add(new CompanyMembership { CompanyId = companyId, UserId = user.Id, Role = CompanyRole.Owner, CreatedAt = now });
                    return await db.SaveChangesAsync();
                });
            }
        }

        var assessmentId = await AnswerCompliantlyAsync(companyId, ownerEmail);
        await WithDbAsync(async db =>
        {
            var assessment = await db.Assessments.SingleAsync(a => a.Id == assessmentId);
            assessment.State = AssessmentState.Approved;
            assessment.OpenSlot = null;
            assessment.SubmissionCount = 1;
            assessment.SubmittedAt = now.AddDays(-3);
            db.Reviews.Add(new Review
            {
                AssessmentId = assessmentId, SubmissionNumber = 1, DueOn = DateOnly.FromDateTime(now.UtcDateTime), CreatedAt = now.AddDays(-3),
                DecidedAt = now, AuditorScore = 95m, LevelCode = "A",
            });
            return await db.SaveChangesAsync();
        });
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IssueDistinctiveJob>().RunAsync(assessmentId, CancellationToken.None);
        }

        var code = await WithDbAsync(db => db.Distinctives.Where(d => d.AssessmentId == assessmentId).Select(d => d.VerificationCode).SingleAsync());
        return new IssuedCompany(companyId, assessmentId, code, ownerEmail);
    }
}
