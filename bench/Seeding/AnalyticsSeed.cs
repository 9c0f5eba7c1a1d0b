using System.Text.Json;
using Certify.Data;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Companies;
using Certify.Domain.Distinctives;
using Certify.Domain.Programs;
using Certify.Domain.Questionnaires;
using Certify.Domain.Reviews;
using Certify.Domain.Scoring;
using Certify.Domain.Tenancy;
using Certify.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Certify.Web.Features.Shared;

namespace Certify.BenchSeed;

/// <summary>
/// How much to seed. The defaults are the analytics data set of issue 6: 10,000 assessments of 2,500 companies with
/// 10 answers each (100,000 answers), their submissions' snapshots and reviews, one finding per reviewed answer and
/// a distinctive per issued assessment. <see cref="Seed"/> fixes the random choices, so every run seeds the same rows.
/// </summary>
public sealed record AnalyticsSeedOptions
{
    public int Companies { get; init; } = 2_500;
    public int AssessmentsPerCompany { get; init; } = 4;
    public int AnswersPerAssessment { get; init; } = 10;
    public int Auditors { get; init; } = 8;
    public int Seed { get; init; } = 42;

    /// <summary>The instant the data set is built around: submissions spread over the two years before it.</summary>
    public DateTimeOffset Now { get; init; } = new(2026, 11, 25, 18, 0, 0, TimeSpan.Zero);
}

/// <summary>What was seeded: the body, its program, the program admin to act as, and the row counts.</summary>
public sealed record AnalyticsSeedResult(
    int BodyId, int ProgramId, string ProgramCode, string ProgramAdminUserId, string ProgramAdminEmail, IReadOnlyList<string> AuditorUserIds,
    int Companies, int Assessments, int Submitted, int Answers, int Snapshots, int Reviews, int Findings, int PrivateNotes, int Distinctives);

/// <summary>
/// A large, deterministic data set for the analytics benchmarks (exports, dashboards): one certifying body
/// (<c>capb-demo</c>) running the seeded DRL-AUTO program, a program admin, auditors, companies in every state and
/// assessments in every workflow state, written straight into a database that has the app's migrations. Scores are
/// the domain's own scoring of the seeded answers; the auditor's verdicts are the findings, some with private notes.
/// Use <see cref="AddBenchDatabase"/> for a SQLite file, then <see cref="SeedAsync"/>.
/// </summary>
public static class AnalyticsSeed
{
    public const string BodySlug = "capb-demo";
    public const string ProgramAdminEmail = "programa@bench.example";

    private static readonly MexicanState[] BusyStates =
        [MexicanState.Guanajuato, MexicanState.Queretaro, MexicanState.Jalisco, MexicanState.NuevoLeon, MexicanState.Coahuila, MexicanState.Mexico,
         MexicanState.Puebla, MexicanState.Aguascalientes, MexicanState.SanLuisPotosi, MexicanState.Chihuahua];

    private static readonly string[] NamePrefixes = ["Autopartes", "Troqueles", "Moldes", "Forjas", "Arneses", "Plásticos", "Frenos", "Componentes", "Fundiciones", "Estampados"];
    private static readonly string[] NameSuffixes = ["del Bajío", "del Norte", "de Occidente", "Industriales", "Automotrices", "de Precisión", "Mexicanos", "del Centro"];

    /// <summary>The repository's root (the folder holding Certify.sln), found upwards from the running program.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Certify.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Certify.sln not found above the program.");
    }

    /// <summary>
    /// The services the seeder and the app's feature services need over the SQLite file <paramref name="databasePath"/>
    /// (shared cache, the app's SQLite migrations and connection setup, with the dashboards' SQL functions): the context factory, logging, localization, configuration with
    /// <c>App:PublicUrl</c>, the system clock and the questionnaire registry.
    /// </summary>
    public static IServiceCollection AddBenchDatabase(this IServiceCollection services, string databasePath)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["App:PublicUrl"] = "https://certify.example" })
            .Build();
        return services
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddLocalization()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<QuestionnaireRegistry>()
            .AddDbContextFactory<CertifyDbContext>(options => options.UseSqlite(
                    $"Data Source={databasePath}", sqlite => sqlite.MigrationsAssembly("Certify.Migrations.Sqlite"))
                .AddInterceptors(new SqliteConnectionSetup()));
    }

    /// <summary>
    /// Migrates the database (WAL), creates the body, loads <paramref name="seedRoot"/>'s questionnaires and programs
    /// into <paramref name="registry"/> and writes the data set. Meant for an empty database.
    /// </summary>
    public static async Task<AnalyticsSeedResult> SeedAsync(
        IDbContextFactory<CertifyDbContext> dbFactory, QuestionnaireRegistry registry, string seedRoot, AnalyticsSeedOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await db.Database.MigrateAsync(ct);
        var body = new CertifyingBody { Slug = BodySlug, Name = "Cámara Automotriz de Proveedores del Bajío (bench)", CreatedAt = options.Now };
        db.CertifyingBodies.Add(body);
        await db.SaveChangesAsync(ct);
        await registry.LoadAsync(db, seedRoot, TimeProvider.System, ct);
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.CertifyingBodyId == body.Id, ct);
        var definition = registry.ForVersion(program.QuestionnaireVersionId);
        var rules = registry.Program(program.Id);
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var admin = User(ProgramAdminEmail, "Programa (bench)", options.Now);
        var auditors = Enumerable.Range(1, options.Auditors).Select(i => User($"auditor{i}@bench.example", $"Auditora {i}", options.Now)).ToList();
        db.Users.AddRange([admin, .. auditors]);
        db.BodyMemberships.Add(new BodyMembership { CertifyingBodyId = body.Id, UserId = admin.Id, Role = BodyRole.ProgramAdmin, CreatedAt = options.Now });
        db.BodyMemberships.AddRange(auditors.Select(a => new BodyMembership { CertifyingBodyId = body.Id, UserId = a.Id, Role = BodyRole.Auditor, CreatedAt = options.Now }));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var random = new Random(options.Seed);
        var writer = new Writer(random, options, program, definition, rules, auditors.Select(a => a.Id).ToList(), body.Id);
        const int companiesPerBatch = 250;
        for (var start = 0; start < options.Companies; start += companiesPerBatch)
        {
            var companies = Enumerable.Range(start, Math.Min(companiesPerBatch, options.Companies - start)).Select(writer.Company).ToList();
            db.Companies.AddRange(companies);
            await db.SaveChangesAsync(ct);
            foreach (var company in companies)
            {
                writer.Assessments(db, company);
            }

            await db.SaveChangesAsync(ct);
            writer.AddFindings(db);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        return writer.Result(admin);
    }

    private static ApplicationUser User(string email, string name, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid().ToString(),
        UserName = email,
        NormalizedUserName = email.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        EmailConfirmed = true,
        DisplayName = name,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
        CreatedAt = now,
    };

    /// <summary>Builds the rows; keeps the counters and the distinctive sequence.</summary>
    private sealed class Writer(
        Random random, AnalyticsSeedOptions options, CertificationProgram program, QuestionnaireDefinition definition, ProgramDefinition rules,
        IReadOnlyList<string> auditors, int bodyId)
    {
        private static readonly string Credential = new('x', 1400); // about the size of a real vc+jwt

        private int _assessments;
        private int _submitted;
        private int _answers;
        private int _snapshots;
        private int _reviews;
        private int _findings;
        private int _privateNotes;
        private int _distinctives;

        /// <summary>Findings wait for their assessment's id: a finding has no navigation to it.</summary>
        private readonly List<(Finding Finding, Assessment Assessment)> _pendingFindings = [];

        public Company Company(int index)
        {
            var name = $"{NamePrefixes[random.Next(NamePrefixes.Length)]} {NameSuffixes[random.Next(NameSuffixes.Length)]} {index:D5}";
            return new Company
            {
                LegalName = $"{name}, S.A. de C.V.",
                TradeName = random.Next(3) == 0 ? name : null,
                Rfc = $"BEN{index:D6}{(char)('A' + (index % 26))}{(char)('A' + (index / 26 % 26))}{index % 10}",
                State = random.Next(4) == 0 ? (MexicanState)(1 + random.Next(32)) : BusyStates[random.Next(BusyStates.Length)],
                Municipality = "Municipio",
                Workers = 20 + random.Next(1500),
                Tier = (AutoPartsTier)random.Next(Enum.GetValues<AutoPartsTier>().Length),
                CreatedAt = options.Now.AddDays(-800),
                UpdatedAt = options.Now.AddDays(-800),
                Version = Guid.NewGuid(),
            };
        }

        /// <summary>
        /// The current company's hidden propensity to breach labour rules, in [0, 1) and mostly low (a uniform number
        /// squared). It is the data set's documented signal for the risk model: a higher propensity means more
        /// non-compliant answers (so more critical items failed), a self-score further above the auditor's
        /// (over-claiming) and more major and critical findings in every review — so past major findings and
        /// over-claiming predict new ones, as the back-test should find.
        /// </summary>
        private double _propensity;

        /// <summary>The company's assessments, oldest first; only the newest may still be open (one open per program).</summary>
        public void Assessments(CertifyDbContext db, Company company)
        {
            _propensity = random.NextDouble() * random.NextDouble();
            var starts = Enumerable.Range(0, options.AssessmentsPerCompany).Select(_ => options.Now.AddMinutes(-random.Next(60, 730 * 24 * 60))).Order().ToList();
            for (var i = 0; i < starts.Count; i++)
            {
                var open = i == starts.Count - 1 && random.NextDouble() < 0.6;
                var state = open
                    ? Pick((AssessmentState.Draft, 35), (AssessmentState.Submitted, 15), (AssessmentState.InReview, 30), (AssessmentState.ChangesRequested, 20))
                    : Pick((AssessmentState.Issued, 70), (AssessmentState.Approved, 5), (AssessmentState.Rejected, 25));
                Assessment(db, company, state, starts[i]);
            }
        }

        /// <summary>Adds the findings of the assessments saved since the last call.</summary>
        public void AddFindings(CertifyDbContext db)
        {
            foreach (var (finding, assessment) in _pendingFindings)
            {
                finding.AssessmentId = assessment.Id;
                db.Findings.Add(finding);
            }

            _pendingFindings.Clear();
        }

        public AnalyticsSeedResult Result(ApplicationUser admin) => new(
            bodyId, program.Id, program.Code, admin.Id, admin.Email!, auditors, options.Companies, _assessments, _submitted, _answers, _snapshots, _reviews,
            _findings, _privateNotes, _distinctives);

        private void Assessment(CertifyDbContext db, Company company, AssessmentState state, DateTimeOffset createdAt)
        {
            var submissions = state == AssessmentState.Draft ? 0 : random.NextDouble() < 0.2 ? 2 : 1;
            var assessment = new Assessment
            {
                Company = company,
                ProgramId = program.Id,
                QuestionnaireVersionId = program.QuestionnaireVersionId,
                State = state,
                CreatedAt = createdAt,
                CreatedByUserId = "bench",
                SubmissionCount = submissions,
                OpenSlot = AssessmentWorkflow.IsOpen(state) ? Certify.Data.Entities.Assessment.SlotFor(company.Id, program.Id) : null,
                Version = Guid.NewGuid(),
            };
            _assessments++;
            var answers = Answers(createdAt);
            assessment.Answers.AddRange(answers.Select(a => new Answer
            {
                QuestionCode = a.Key, ValueJson = AnswerJson.Serialize(a.Value), Version = 1, UpdatedAt = createdAt.AddHours(1), UpdatedByUserId = "bench",
            }));
            _answers += answers.Count;
            db.Assessments.Add(assessment);
            if (submissions == 0)
            {
                return;
            }

            _submitted++;
            var sheet = new AnswerSheet(answers);
            var submittedAt = createdAt.AddDays(1 + random.Next(10));
            for (var number = 1; number <= submissions; number++)
            {
                var current = number == submissions;
                var score = Scorer.Score(definition, sheet, DateOnly.FromDateTime(submittedAt.UtcDateTime));
                db.AssessmentSnapshots.Add(new AssessmentSnapshot
                {
                    Assessment = assessment, SubmissionNumber = number, OverallScore = score.Overall, Eligible = score.Eligible,
                    ScoreJson = JsonSerializer.Serialize(score), CriticalFailureCount = score.CriticalFailures.Count, CreatedAt = submittedAt.AddMinutes(1),
                });
                _snapshots++;
                var decision = current ? state : AssessmentState.ChangesRequested;
                var decidedAt = decision is AssessmentState.Submitted or AssessmentState.InReview ? (DateTimeOffset?)null : submittedAt.AddHours(6 + random.Next(24 * 16));
                if (decidedAt > options.Now)
                {
                    decidedAt = options.Now.AddMinutes(-random.Next(1, 600));
                }

                Review(db, assessment, company, number, decision, submittedAt, decidedAt, score.Overall, answers.Keys);
                assessment.SubmittedAt = submittedAt;
                submittedAt = (decidedAt ?? submittedAt).AddDays(1 + random.Next(7));
                if (submittedAt > options.Now)
                {
                    submittedAt = options.Now.AddMinutes(-random.Next(1, 60));
                }
            }
        }

        private void Review(
            CertifyDbContext db, Assessment assessment, Company company, int number, AssessmentState decision, DateTimeOffset submittedAt,
            DateTimeOffset? decidedAt, decimal? selfScore, IEnumerable<string> questions)
        {
            var assigned = decision != AssessmentState.Submitted || random.Next(2) == 0;
            var issued = decision == AssessmentState.Issued;
            var auditorScore = decision is AssessmentState.Approved or AssessmentState.Issued
                ? Math.Clamp(Math.Round((selfScore ?? 80m) + random.Next(-6, 5) - (decimal)(20 * _propensity) + (decimal)random.NextDouble(), 2), issued ? rules.Levels[^1].MinScore : 0m, 100m)
                : (decimal?)null;
            var level = issued ? rules.Levels.First(l => l.MinScore <= auditorScore) : null;
            var review = new Review
            {
                Assessment = assessment,
                SubmissionNumber = number,
                AuditorUserId = assigned ? auditors[random.Next(auditors.Count)] : null,
                Priority = random.Next(100),
                DueOn = DateOnly.FromDateTime(BodyCalendar.Local(submittedAt).DateTime).AddDays(program.ReviewDeadlineDays),
                CreatedAt = submittedAt.AddMinutes(2),
                AssignedAt = assigned ? submittedAt.AddMinutes(3) : null,
                EmailedAt = assigned ? submittedAt.AddMinutes(3) : null,
                DecidedAt = decidedAt,
                DecisionReason = decision == AssessmentState.Rejected ? "No acredita el cumplimiento de la subcontratación" : null,
                AuditorScore = auditorScore,
                LevelCode = level?.Code,
            };
            db.Reviews.Add(review);
            _reviews++;
            if (decidedAt is { } decided)
            {
                foreach (var code in questions)
                {
                    Finding(review, assessment, code, decision, decided);
                }
            }

            if (level is not null)
            {
                Distinctive(db, assessment, company, level, auditorScore!.Value, decidedAt!.Value);
            }
        }

        private void Finding(Review review, Assessment assessment, string code, AssessmentState decision, DateTimeOffset decidedAt)
        {
            var severity = Pick((FindingSeverity.Conformity, 70), (FindingSeverity.Observation, 10), (FindingSeverity.Minor, 12),
                (FindingSeverity.Major, 2 + (int)(20 * _propensity)),
                (FindingSeverity.Critical, decision is AssessmentState.Approved or AssessmentState.Issued ? 0 : 1 + (int)(8 * _propensity)));
            var nonConformity = severity >= FindingSeverity.Minor;
            var plan = nonConformity && decision is AssessmentState.Approved or AssessmentState.Issued;
            var status = plan ? Pick((FindingStatus.Open, 40), (FindingStatus.ActionProposed, 30), (FindingStatus.Closed, 30)) : FindingStatus.Open;
            var note = random.Next(100) < 15;
            _pendingFindings.Add((new Finding
            {
                Review = review,
                QuestionCode = code,
                Severity = severity,
                Comment = nonConformity ? "Presentar el documento firmado y vigente" : "",
                PrivateNote = note ? $"Nota interna del auditor {_findings}" : null,
                DueOn = nonConformity ? DateOnly.FromDateTime(BodyCalendar.Local(decidedAt).DateTime).AddDays(30 * (1 + random.Next(3))) : null,
                Status = status,
                CorrectiveAction = status == FindingStatus.Open ? null : "Se actualizó el procedimiento y se capacitó al personal",
                ActionProposedAt = status == FindingStatus.Open ? null : decidedAt.AddDays(3 + random.Next(20)),
                CreatedAt = decidedAt.AddHours(-1),
                UpdatedAt = decidedAt,
                UpdatedByUserId = "bench",
            }, assessment));
            _findings++;
            _privateNotes += note ? 1 : 0;
        }

        private void Distinctive(CertifyDbContext db, Assessment assessment, Company company, LevelRule level, decimal score, DateTimeOffset decidedAt)
        {
            var issuedAt = decidedAt.AddMinutes(5);
            var validity = Validity.For(issuedAt, level, BodyCalendar.Zone);
            var sequence = ++_distinctives;
            var roll = random.Next(100);
            db.Distinctives.Add(new Distinctive
            {
                Assessment = assessment,
                Company = company,
                ProgramId = program.Id,
                CertifyingBodyId = bodyId,
                Number = $"{program.Code}-{issuedAt.Year}-{sequence:D5}",
                Year = issuedAt.Year,
                Sequence = sequence,
                VerificationCode = VerificationCode.Generate(bytes => random.NextBytes(bytes)).Value,
                LegalName = company.LegalName,
                Rfc = company.Rfc,
                State = company.State,
                LevelCode = level.Code,
                Score = score,
                Topics = string.Join(',', definition.Sections.Select(s => s.Code)),
                IssuedAt = issuedAt,
                ValidFrom = validity.ValidFrom,
                ValidUntil = validity.ValidUntil,
                SuspendedAt = roll is >= 92 and < 96 ? issuedAt.AddDays(30) : null,
                RevokedAt = roll >= 96 ? issuedAt.AddDays(60) : null,
                StatusReason = roll >= 92 ? "Queja presentada ante el organismo" : null,
                StatusListIndex = sequence,
                CredentialJwt = Credential,
                SigningKeyId = "bench",
                Version = Guid.NewGuid(),
            });
        }

        /// <summary>Answers to a random subset of the questions, mostly compliant.</summary>
        private Dictionary<string, AnswerValue> Answers(DateTimeOffset at)
        {
            var questions = definition.Questions.OrderBy(_ => random.Next()).Take(options.AnswersPerAssessment);
            return questions.ToDictionary(q => q.Code, q => Answer(q, DateOnly.FromDateTime(at.UtcDateTime)));
        }

        private AnswerValue Answer(QuestionDefinition question, DateOnly today)
        {
            var compliant = random.Next(100) < 88 - (int)(30 * _propensity);
            switch (question.Type)
            {
                case AnswerType.YesNoNa or AnswerType.SingleChoice when question.Options.Count > 0:
                    var options = question.Options.Where(o => (o.Compliance == 1m) == compliant).ToList();
                    var chosen = options.Count > 0 ? options[random.Next(options.Count)] : question.Options[random.Next(question.Options.Count)];
                    return AnswerValue.Choice(chosen.Value);
                case AnswerType.Date:
                    return AnswerValue.Date(today.AddDays(-random.Next(compliant ? 300 : 900)));
                default:
                    return AnswerValue.Text("Respuesta de prueba");
            }
        }

        private T Pick<T>(params (T Value, int Weight)[] choices)
        {
            var roll = random.Next(choices.Sum(c => c.Weight));
            foreach (var (value, weight) in choices)
            {
                if (roll < weight)
                {
                    return value;
                }

                roll -= weight;
            }

            throw new InvalidOperationException("Weights must be positive.");
        }
    }
}
