using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Companies;
using Certify.Domain.Questionnaires;
using Certify.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Certify.Web.Features.Shared;

namespace Certify.RoutingBench;

/// <summary>
/// Before the clock starts: auditors for the demo body, and companies whose DRL-AUTO assessment is complete and
/// compliant (every visible question answered, evidence rows where the completeness check asks for them), still in
/// draft. The bench writes rows directly; the answers are the ones the app's own completeness check accepts.
/// </summary>
internal static class Preparation
{
    private const string ProgramCode = "DRL-AUTO";
    private const string BodySlug = "capb-demo";

    public static async Task RunAsync(BenchDatabase bench, int submissions, int auditors)
    {
        await using var db = bench.Open();
        var program = await db.Programs.AsNoTracking().Include(p => p.QuestionnaireVersion).SingleAsync(p => p.Code == ProgramCode);
        var bodyId = await db.CertifyingBodies.Where(b => b.Slug == BodySlug).Select(b => b.Id).SingleAsync();
        var definition = Load(program.QuestionnaireVersion!.Json);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (answers, evidence) = SampleAnswers.Fill(definition, today);
        var now = DateTimeOffset.UtcNow;

        for (var i = 1; i <= auditors; i++)
        {
            var auditor = User($"auditor-{i}{BenchDatabase.AuditorDomain}", now);
            db.Users.Add(auditor);
            db.BodyMemberships.Add(new BodyMembership { CertifyingBodyId = bodyId, UserId = auditor.Id, Role = BodyRole.Auditor, CreatedAt = now });
        }

        await db.SaveChangesAsync();

        for (var n = 1; n <= submissions; n++)
        {
            var owner = User($"owner-{n}@bench-company.example", now);
            db.Users.Add(owner);
            var company = new Company
            {
                LegalName = $"{BenchDatabase.CompanyPrefix}{n:D4}, S.A. de C.V.",
                TradeName = $"{BenchDatabase.CompanyPrefix}{n:D4}",
                Rfc = $"BEN250101{n:X3}",
                State = MexicanState.Guanajuato,
                Municipality = "León",
                // Sizes spread from micro to large so priorities differ.
                Workers = 5 + (n * 37 % 400),
                Tier = AutoPartsTier.Tier2,
                CreatedAt = now,
                UpdatedAt = now,
                Version = Guid.NewGuid(),
            };
            db.Companies.Add(company);
            await db.SaveChangesAsync();
            db.CompanyMemberships.Add(new CompanyMembership { CompanyId = company.Id, UserId = owner.Id, Role = CompanyRole.Owner, CreatedAt = now });
            var assessment = new Assessment
            {
                CompanyId = company.Id,
                ProgramId = program.Id,
                QuestionnaireVersionId = program.QuestionnaireVersionId,
                State = AssessmentState.Draft,
                CreatedAt = now,
                CreatedByUserId = owner.Id,
                OpenSlot = Assessment.SlotFor(company.Id, program.Id),
                Version = Guid.NewGuid(),
            };
            assessment.Answers.AddRange(answers.Select(a => new Answer
            {
                QuestionCode = a.Key,
                ValueJson = AnswerJson.Serialize(a.Value),
                Version = 1,
                UpdatedAt = now,
                UpdatedByUserId = owner.Id,
            }));
            assessment.Evidence.AddRange(evidence.Select(code => new EvidenceFile
            {
                QuestionCode = code,
                FileName = $"{code}.pdf",
                StorageKey = $"bench/{n}/{code}.pdf",
                ContentType = "application/pdf",
                Size = 1024,
                Sha256 = new string('0', 64),
                UploadedAt = now,
                UploadedByUserId = owner.Id,
            }));
            db.Assessments.Add(assessment);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        Console.WriteLine($"prepared {submissions} draft assessments ({answers.Count} answers, {evidence.Count} evidence rows each) and {auditors} auditors");
    }

    private static QuestionnaireDefinition Load(string json)
    {
        var schemaPath = Path.Combine(AppContext.BaseDirectory, "seed", "questionnaires", "questionnaire.schema.json");
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var result = QuestionnaireLoader.Load(stream, "bench", File.ReadAllText(schemaPath));
        return result.Definition ?? throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
    }

    private static ApplicationUser User(string email, DateTimeOffset now) => new()
    {
        UserName = email,
        NormalizedUserName = email.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        EmailConfirmed = true,
        DisplayName = email.Split('@')[0],
        SecurityStamp = Guid.NewGuid().ToString("N"),
        CreatedAt = now,
    };
}
