using System.Net;
using System.Text;
using Certify.Data.Entities;
using Certify.Domain.Assessments;
using Certify.Domain.Companies;
using Certify.Domain.Distinctives;
using Certify.Domain.Reviews;
using Certify.Domain.Tenancy;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Certify.Web.Features.Shared;

namespace Certify.Web.Tests.Features.Exports;

/// <summary>
/// The program admins' exports over HTTP on a small fixed data set of a certifying body of its own: content and
/// types, headers, filters, languages, tenancy, and the auditors' private notes absent from every file.
/// </summary>
public sealed class ExportEndpointsTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private const string PrivateNote = "NOTA-PRIVADA-nunca-sale";
    private static readonly TimeSpan MexicoCity = TimeSpan.FromHours(-6);
    private static int _bodies;

    [Fact]
    public async Task Assessments_Xlsx_TypedRowsOfSubmittedAssessmentsFrozenHeaderAndFilter()
    {
        var data = await SeedAsync();
        using var client = await SignInAsync(data.AdminEmail);
        var today = BodyCalendar.Today(TimeProvider.System);

        using var response = await client.GetAsync($"/organismos/{data.BodyId}/exportar/evaluaciones.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains(response.Content.Headers.ContentDisposition.FileName!.Trim('"'),
            new[] { today, BodyCalendar.Today(TimeProvider.System) }.Select(d => $"certify-evaluaciones-{d:yyyy-MM-dd}.xlsx"));
        PrivateDownloadAssert.NotStored(response);

        var book = ExportFiles.ReadXlsx(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("Evaluaciones", book.SheetName);
        Assert.Equal(
            ["ID de evaluación", "Empresa (razón social)", "RFC", "Entidad", "Programa", "Versión del cuestionario", "Estado", "Enviada",
             "Envíos", "Puntaje de autoevaluación", "Puntaje del auditor", "Nivel", "Auditor", "Vencimiento de la revisión", "Decidida",
             "Motivo de la decisión"],
            book.Header);
        Assert.True(book.FrozenHeader);
        Assert.True(book.HeaderBold);
        Assert.Equal("A1:P4", book.AutoFilter);
        Assert.Equal(4, book.Rows.Count);

        Assert.Equal(data.Approved, book.Cell(1, "ID de evaluación").Number);
        Assert.Equal("=Fórmula Peligrosa, S.A. de C.V.", book.Cell(1, "Empresa (razón social)").Text);
        Assert.Equal("Guanajuato", book.Cell(1, "Entidad").Text);
        Assert.Equal(data.ProgramCode, book.Cell(1, "Programa").Text);
        Assert.Equal("2026.1", book.Cell(1, "Versión del cuestionario").Text);
        Assert.Equal("Aprobada", book.Cell(1, "Estado").Text);
        Assert.Equal(new DateTime(2026, 3, 10, 10, 30, 0), book.Cell(1, "Enviada").Date);
        Assert.Equal(1d, book.Cell(1, "Envíos").Number);
        Assert.Equal(("number", 91.5d), (book.Cell(1, "Puntaje de autoevaluación").Kind, book.Cell(1, "Puntaje de autoevaluación").Number));
        Assert.Equal(88.25d, book.Cell(1, "Puntaje del auditor").Number);
        Assert.Equal("B", book.Cell(1, "Nivel").Text);
        Assert.Equal(data.AuditorName, book.Cell(1, "Auditor").Text);
        Assert.Equal(new DateTime(2026, 3, 20), book.Cell(1, "Vencimiento de la revisión").Date);
        Assert.Equal(new DateTime(2026, 3, 15, 12, 0, 0), book.Cell(1, "Decidida").Date);

        // The second assessment was submitted twice: the current submission's snapshot and review count.
        Assert.Equal(data.InReview, book.Cell(2, "ID de evaluación").Number);
        Assert.Equal("En revisión", book.Cell(2, "Estado").Text);
        Assert.Equal(2d, book.Cell(2, "Envíos").Number);
        Assert.Equal(70.4d, book.Cell(2, "Puntaje de autoevaluación").Number);
        Assert.Equal(new DateTime(2026, 4, 12), book.Cell(2, "Vencimiento de la revisión").Date);
        Assert.True(book.IsEmpty(2, "Decidida"));
        Assert.True(book.IsEmpty(2, "Motivo de la decisión"));
        Assert.Equal(data.Older, book.Cell(3, "ID de evaluación").Number);
        Assert.True(book.IsEmpty(3, "Puntaje de autoevaluación"));
    }

    [Fact]
    public async Task Assessments_CsvInEnglish_EnglishHeadersQuotedNamesNeutralisedFormulasIsoDates()
    {
        var data = await SeedAsync();
        using var client = await SignInAsync(data.AdminEmail);
        (await client.GetAsync("/cultura/en-US?returnUrl=/")).Dispose();

        using var response = await client.GetAsync($"/organismos/{data.BodyId}/exportar/evaluaciones.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var rows = ExportFiles.ParseCsv(text);

        Assert.Equal("Assessment ID,Company (legal name),RFC,State,Program,Questionnaire version,Status,Submitted at,Submissions,Self score,"
            + "Auditor score,Level,Auditor,Review due,Decided at,Decision reason\r\n", text[..(text.IndexOf("\r\n", StringComparison.Ordinal) + 2)]);
        Assert.Equal(4, rows.Count);
        Assert.Contains($"\r\n{data.Approved},\"'=Fórmula Peligrosa, S.A. de C.V.\",", text, StringComparison.Ordinal);
        Assert.Contains(",\"Forjas \"\"El Yunque\"\", S.A. de C.V.\",", text, StringComparison.Ordinal);
        Assert.Equal(
            [data.Approved.ToString(System.Globalization.CultureInfo.InvariantCulture), "'=Fórmula Peligrosa, S.A. de C.V.", data.FormulaRfc,
             "Guanajuato", data.ProgramCode, "2026.1", "Approved", "2026-03-10 10:30:00", "1", "91.5", "88.25", "B", data.AuditorName,
             "2026-03-20", "2026-03-15 12:00:00", ""],
            rows[1]);
        Assert.Equal("In review", rows[2][6]);
        Assert.Equal("Jalisco", rows[2][3]);
    }

    [Fact]
    public async Task Findings_XlsxAndCsv_OneRowPerFindingWithQuestionTextInTheRequestLanguage()
    {
        var data = await SeedAsync();
        using var client = await SignInAsync(data.AdminEmail);

        var book = ExportFiles.ReadXlsx(await client.GetByteArrayAsync($"/organismos/{data.BodyId}/exportar/hallazgos.xlsx"));

        Assert.Equal("Hallazgos", book.SheetName);
        Assert.Equal(
            ["ID de evaluación", "Envío", "Empresa (razón social)", "RFC", "Pregunta", "Texto de la pregunta", "Severidad", "Estado del hallazgo",
             "Comentario para la empresa", "Fecha compromiso", "Acción correctiva", "Acción propuesta"],
            book.Header);
        Assert.Equal(4, book.Rows.Count);
        Assert.Equal(data.Approved, book.Cell(1, "ID de evaluación").Number);
        Assert.Equal(data.QuestionCode, book.Cell(1, "Pregunta").Text);
        Assert.Equal(data.QuestionEs, book.Cell(1, "Texto de la pregunta").Text);
        Assert.Equal("No conformidad menor", book.Cell(1, "Severidad").Text);
        Assert.Equal("Acción propuesta", book.Cell(1, "Estado del hallazgo").Text);
        Assert.Equal("Falta la firma del reglamento", book.Cell(1, "Comentario para la empresa").Text);
        Assert.Equal(new DateTime(2026, 5, 1), book.Cell(1, "Fecha compromiso").Date);
        Assert.Equal("=Firmado por RH", book.Cell(1, "Acción correctiva").Text);
        Assert.Equal(new DateTime(2026, 4, 1, 14, 0, 0), book.Cell(1, "Acción propuesta").Date);
        Assert.Equal((data.InReview, 1d), ((int)book.Cell(3, "ID de evaluación").Number!, book.Cell(3, "Envío").Number!.Value));
        Assert.Equal("No conformidad mayor", book.Cell(3, "Severidad").Text);

        (await client.GetAsync("/cultura/en-US?returnUrl=/")).Dispose();
        var csv = ExportFiles.ParseCsv(Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/organismos/{data.BodyId}/exportar/hallazgos.csv"))[1..]);
        Assert.Equal("Question text", csv[0][5]);
        Assert.Equal(data.QuestionEn, csv[1][5]);
        Assert.Equal("Minor non-conformity", csv[1][6]);
        Assert.Equal("'=Firmado por RH", csv[1][10]);
        Assert.Equal("2026-04-01 14:00:00", csv[1][11]);
    }

    [Fact]
    public async Task Distinctives_Xlsx_StatusFromTheDatesValidityDaysTopicsAndPublicUrl()
    {
        var data = await SeedAsync();
        using var client = await SignInAsync(data.AdminEmail);

        var book = ExportFiles.ReadXlsx(await client.GetByteArrayAsync($"/organismos/{data.BodyId}/exportar/distintivos.xlsx"));

        Assert.Equal("Distintivos", book.SheetName);
        Assert.Equal(
            ["Número", "Código de verificación", "Empresa (razón social)", "RFC", "Entidad", "Programa", "Nivel", "Puntaje", "Temas", "Emitido",
             "Vigente desde", "Vigente hasta", "Estatus", "Motivo del estatus", "URL de verificación"],
            book.Header);
        Assert.Equal(3, book.Rows.Count);
        Assert.Equal(data.ActiveNumber, book.Cell(1, "Número").Text);
        Assert.Equal(data.ActiveCode.Format(), book.Cell(1, "Código de verificación").Text);
        Assert.Equal("B", book.Cell(1, "Nivel").Text);
        Assert.Equal(88.25d, book.Cell(1, "Puntaje").Number);
        Assert.Equal("Subcontratación; Libertad sindical y negociación colectiva", book.Cell(1, "Temas").Text);
        Assert.Equal(new DateTime(2026, 3, 15, 12, 0, 0), book.Cell(1, "Emitido").Date);
        Assert.Equal(new DateTime(2026, 3, 15), book.Cell(1, "Vigente desde").Date);
        Assert.Equal(new DateTime(2099, 3, 14), book.Cell(1, "Vigente hasta").Date);
        Assert.Equal("Vigente", book.Cell(1, "Estatus").Text);
        Assert.EndsWith($"/verificar/{data.ActiveCode.Format()}", book.Cell(1, "URL de verificación").Text, StringComparison.Ordinal);
        Assert.Equal("Revocado", book.Cell(2, "Estatus").Text);
        Assert.Equal("Documentos falsos", book.Cell(2, "Motivo del estatus").Text);
        Assert.Equal("Jalisco", book.Cell(2, "Entidad").Text);
    }

    [Theory]
    [InlineData("evaluaciones", "?desde=2026-04-01", new[] { "InReview" })]
    [InlineData("evaluaciones", "?desde=2026-03-10&hasta=2026-03-10", new[] { "Approved" })]
    [InlineData("evaluaciones", "?entidad=Jalisco", new[] { "InReview", "Older" })]
    [InlineData("evaluaciones", "?estado=Approved&q=F%C3%B3rmula", new[] { "Approved" })]
    [InlineData("evaluaciones", "?programa=DRL-AUTO", new string[0])]
    [InlineData("hallazgos", "?hasta=2026-03-31", new[] { "Approved", "Approved" })]
    [InlineData("distintivos", "?entidad=Guanajuato", new[] { "Approved" })]
    [InlineData("distintivos", "?q=Yunque", new[] { "Older" })]
    public async Task Export_Filters_OnlyMatchingRows(string export, string query, string[] expected)
    {
        var data = await SeedAsync();
        using var client = await SignInAsync(data.AdminEmail);
        var byName = new Dictionary<string, int> { ["Approved"] = data.Approved, ["InReview"] = data.InReview, ["Older"] = data.Older };

        var rows = ExportFiles.ParseCsv(Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/organismos/{data.BodyId}/exportar/{export}.csv{query}"))[1..]);

        if (export == "distintivos")
        {
            var numbers = expected.Select(e => e == "Approved" ? data.ActiveNumber : data.RevokedNumber);
            Assert.Equal(numbers, rows.Skip(1).Select(r => r[0]));
        }
        else
        {
            Assert.Equal(expected.Select(e => byName[e].ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Skip(1).Select(r => r[0]));
        }
    }

    [Fact]
    public async Task Export_PrivateNotes_AppearInNoExport()
    {
        var data = await SeedAsync();
        using var client = await SignInAsync(data.AdminEmail);

        foreach (var file in new[] { "evaluaciones", "hallazgos", "distintivos" })
        {
            var csv = await client.GetByteArrayAsync($"/organismos/{data.BodyId}/exportar/{file}.csv");
            var xlsx = await client.GetByteArrayAsync($"/organismos/{data.BodyId}/exportar/{file}.xlsx");

            Assert.DoesNotContain(PrivateNote, Encoding.UTF8.GetString(csv), StringComparison.Ordinal);
            Assert.DoesNotContain(PrivateNote, ExportFiles.AllParts(xlsx), StringComparison.Ordinal);
            Assert.DoesNotContain(PrivateNote, Encoding.UTF8.GetString(xlsx), StringComparison.Ordinal);
        }

        // The notes are really there to leak: three findings carry one.
        Assert.Equal(3, await factory.WithDbAsync(db => db.Findings.CountAsync(f => f.Review!.Assessment!.Program!.CertifyingBodyId == data.BodyId
            && f.PrivateNote != null && f.PrivateNote.StartsWith(PrivateNote))));
    }

    [Fact]
    public async Task Export_OtherBodysAdminOrAuditorOrUnknownExport_NotFound()
    {
        var data = await SeedAsync();
        var other = await SeedAsync();
        using var otherAdmin = await SignInAsync(other.AdminEmail);
        using var auditor = await SignInAsync(data.AuditorEmail);
        using var admin = await SignInAsync(data.AdminEmail);

        foreach (var file in new[] { "evaluaciones.xlsx", "hallazgos.csv", "distintivos.xlsx" })
        {
            using var foreign = await otherAdmin.GetAsync($"/organismos/{data.BodyId}/exportar/{file}");
            using var staff = await auditor.GetAsync($"/organismos/{data.BodyId}/exportar/{file}");
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, staff.StatusCode);
        }

        using var unknown = await admin.GetAsync($"/organismos/{data.BodyId}/exportar/usuarios.csv");
        using var badFormat = await admin.GetAsync($"/organismos/{data.BodyId}/exportar/evaluaciones.pdf");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, badFormat.StatusCode);
    }

    [Fact]
    public async Task Export_CompanyUserOrAnonymous_RedirectedAndGetsNoData()
    {
        var data = await SeedAsync();
        using var company = factory.CreateBrowserClient();
        await factory.SignInAsync(company, data.FormulaOwnerEmail);
        using var anonymous = factory.CreateBrowserClient();

        using var member = await company.GetAsync($"/organismos/{data.BodyId}/exportar/evaluaciones.csv");
        using var nobody = await anonymous.GetAsync($"/organismos/{data.BodyId}/exportar/evaluaciones.csv");

        // The same answers as the body's pages: company users are refused by the staff policy, anonymous users go to log in.
        Assert.Equal(HttpStatusCode.Redirect, member.StatusCode);
        Assert.Contains("/Account/AccessDenied", member.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, nobody.StatusCode);
        Assert.Contains("/Account/Login", nobody.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_ProgramAdmin_ExportMenuCarriesThePageFilters()
    {
        var data = await SeedAsync();
        using var client = await SignInAsync(data.AdminEmail);

        var submissions = CertifyWebFactory.Parse(await client.GetStringAsync($"/organismos/{data.BodyId}/envios?estado=Approved&q=Yunque"));
        var distinctives = CertifyWebFactory.Parse(await client.GetStringAsync($"/organismos/{data.BodyId}/distintivos?q=EXP"));

        var links = submissions.QuerySelectorAll("[data-testid=export-menu] a[data-export]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(
            [$"organismos/{data.BodyId}/exportar/evaluaciones.xlsx?estado=Approved&q=Yunque", $"organismos/{data.BodyId}/exportar/evaluaciones.csv?estado=Approved&q=Yunque",
             $"organismos/{data.BodyId}/exportar/hallazgos.xlsx?estado=Approved&q=Yunque", $"organismos/{data.BodyId}/exportar/hallazgos.csv?estado=Approved&q=Yunque"],
            links);
        Assert.Equal(
            [$"organismos/{data.BodyId}/exportar/distintivos.xlsx?q=EXP", $"organismos/{data.BodyId}/exportar/distintivos.csv?q=EXP"],
            distinctives.QuerySelectorAll("[data-testid=export-menu] a[data-export]").Select(a => a.GetAttribute("href")));
    }

    private async Task<HttpClient> SignInAsync(string email)
    {
        var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, email);
        return client;
    }

    private sealed record Seeded(
        int BodyId, string ProgramCode, string AdminEmail, string AuditorEmail, string AuditorName, string FormulaOwnerEmail, string FormulaRfc,
        int Approved, int InReview, int Older, string QuestionCode, string QuestionEs, string QuestionEn,
        string ActiveNumber, VerificationCode ActiveCode, string RevokedNumber);

    /// <summary>
    /// A certifying body with one program, a program admin and an auditor, two companies (one whose name starts with
    /// "=", one with quotes and a comma) and, in its program: an approved assessment (with findings and an active
    /// distinctive), one in review on its second submission, an older approved one (revoked distinctive) and a draft.
    /// </summary>
    private async Task<Seeded> SeedAsync()
    {
        var n = Interlocked.Increment(ref _bodies);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var bodyId = await factory.CreateBodyAsync($"exp-{n}-{suffix}", $"Organismo de exportación {n}");
        var adminEmail = $"admin-{n}-{suffix}@exports.example";
        var auditorEmail = $"auditor-{n}-{suffix}@exports.example";
        await factory.AddBodyMembershipAsync(bodyId, await factory.CreateUserAsync(adminEmail, authenticator: true), BodyRole.ProgramAdmin);
        var auditorId = await factory.CreateUserAsync(auditorEmail, authenticator: true);
        await factory.AddBodyMembershipAsync(bodyId, auditorId, BodyRole.Auditor);
        var formula = await factory.CreateCompanyAsync("=Fórmula Peligrosa");
        var quoted = await factory.CreateCompanyAsync("Forjas \"El Yunque\"");
        var registry = factory.Services.GetRequiredService<QuestionnaireRegistry>();
        var programCode = $"EXP-{n}-{suffix.ToUpperInvariant()}";

        return await factory.WithDbAsync(async db =>
        {
            await db.Companies.Where(c => c.Id == quoted.CompanyId).ExecuteUpdateAsync(s => s.SetProperty(c => c.State, MexicanState.Jalisco));
            var drl = await db.Programs.AsNoTracking().SingleAsync(p => p.Code == AssessmentTestData.ProgramCode);
            var program = new CertificationProgram
            {
                Code = programCode, CertifyingBodyId = bodyId, NameEs = "Programa de prueba", NameEn = "Test program",
                QuestionnaireVersionId = drl.QuestionnaireVersionId, Json = drl.Json, ReviewDeadlineDays = 10, UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.Programs.Add(program);
            await db.SaveChangesAsync();
            var question = registry.ForVersion(drl.QuestionnaireVersionId).Questions[0];

            Assessment NewAssessment(CompanyUser company, AssessmentState state, DateTimeOffset? submittedAt, int submissions) => new()
            {
                CompanyId = company.CompanyId, ProgramId = program.Id, QuestionnaireVersionId = program.QuestionnaireVersionId, State = state,
                CreatedAt = (submittedAt ?? DateTimeOffset.UtcNow).AddDays(-5), CreatedByUserId = company.UserId, SubmittedAt = submittedAt,
                SubmittedByUserId = submittedAt is null ? null : company.UserId, SubmissionCount = submissions, Version = Guid.NewGuid(),
                OpenSlot = state is AssessmentState.Approved ? null : Assessment.SlotFor(company.CompanyId, program.Id),
            };

            var approved = NewAssessment(formula, AssessmentState.Approved, At(2026, 3, 10, 10, 30), 1);
            var inReview = NewAssessment(quoted, AssessmentState.InReview, At(2026, 4, 2, 9, 0), 2);
            var older = NewAssessment(quoted, AssessmentState.Approved, At(2025, 6, 1, 11, 0), 1);
            var draft = NewAssessment(formula, AssessmentState.Draft, null, 0);
            db.Assessments.AddRange(approved, inReview, older, draft);
            await db.SaveChangesAsync();

            db.AssessmentSnapshots.AddRange(
                Snapshot(approved.Id, 1, 91.5m), Snapshot(inReview.Id, 1, 60m), Snapshot(inReview.Id, 2, 70.4m));
            var approvedReview = new Review
            {
                AssessmentId = approved.Id, SubmissionNumber = 1, AuditorUserId = auditorId, DueOn = new DateOnly(2026, 3, 20),
                CreatedAt = At(2026, 3, 10, 11, 0), DecidedAt = At(2026, 3, 15, 12, 0), AuditorScore = 88.25m, LevelCode = "B",
            };
            var firstOfInReview = new Review
            {
                AssessmentId = inReview.Id, SubmissionNumber = 1, AuditorUserId = auditorId, DueOn = new DateOnly(2026, 2, 1),
                CreatedAt = At(2026, 1, 20, 9, 0), DecidedAt = At(2026, 1, 25, 9, 0), DecisionReason = "Faltan evidencias",
            };
            var currentOfInReview = new Review
            {
                AssessmentId = inReview.Id, SubmissionNumber = 2, AuditorUserId = auditorId, DueOn = new DateOnly(2026, 4, 12), CreatedAt = At(2026, 4, 2, 9, 5),
            };
            var olderReview = new Review
            {
                AssessmentId = older.Id, SubmissionNumber = 1, DueOn = new DateOnly(2025, 6, 10), CreatedAt = At(2025, 6, 1, 12, 0),
                DecidedAt = At(2025, 6, 10, 11, 0), AuditorScore = 95m, LevelCode = "A",
            };
            db.Reviews.AddRange(approvedReview, firstOfInReview, currentOfInReview, olderReview);
            await db.SaveChangesAsync();

            db.Findings.AddRange(
                new Finding
                {
                    ReviewId = approvedReview.Id, AssessmentId = approved.Id, QuestionCode = question.Code, Severity = FindingSeverity.Minor,
                    Comment = "Falta la firma del reglamento", PrivateNote = PrivateNote + " 1", DueOn = new DateOnly(2026, 5, 1),
                    Status = FindingStatus.ActionProposed, CorrectiveAction = "=Firmado por RH", ActionProposedAt = At(2026, 4, 1, 14, 0),
                    CreatedAt = At(2026, 3, 12, 9, 0), UpdatedAt = At(2026, 4, 1, 14, 0), UpdatedByUserId = auditorId,
                },
                new Finding
                {
                    ReviewId = approvedReview.Id, AssessmentId = approved.Id, QuestionCode = question.Code + "-X", Severity = FindingSeverity.Conformity,
                    Comment = "", PrivateNote = PrivateNote + " 2", Status = FindingStatus.Closed,
                    CreatedAt = At(2026, 3, 12, 9, 5), UpdatedAt = At(2026, 3, 12, 9, 5), UpdatedByUserId = auditorId,
                },
                new Finding
                {
                    ReviewId = firstOfInReview.Id, AssessmentId = inReview.Id, QuestionCode = question.Code, Severity = FindingSeverity.Major,
                    Comment = "Contrato sin registro", PrivateNote = PrivateNote + " 3", DueOn = new DateOnly(2026, 3, 1), Status = FindingStatus.Open,
                    CreatedAt = At(2026, 1, 22, 9, 0), UpdatedAt = At(2026, 1, 22, 9, 0), UpdatedByUserId = auditorId,
                });

            var activeCode = VerificationCode.Generate();
            var active = Distinctive(approved, bodyId, $"{programCode}-2026-00001", activeCode, "=Fórmula Peligrosa, S.A. de C.V.", formula, MexicanState.Guanajuato,
                "B", 88.25m, "SUB,LIB", new DateOnly(2026, 3, 15), new DateOnly(2099, 3, 15), 1);
            active.IssuedAt = At(2026, 3, 15, 12, 0);
            var revoked = Distinctive(older, bodyId, $"{programCode}-2025-00001", VerificationCode.Generate(), "Forjas \"El Yunque\", S.A. de C.V.", quoted,
                MexicanState.Jalisco, "A", 95m, "SUB", new DateOnly(2025, 6, 10), new DateOnly(2027, 6, 10), 2);
            revoked.RevokedAt = At(2026, 1, 5, 6, 0);
            revoked.StatusReason = "Documentos falsos";
            db.Distinctives.AddRange(active, revoked);
            await db.SaveChangesAsync();

            var formulaRfc = await db.Companies.Where(c => c.Id == formula.CompanyId).Select(c => c.Rfc).SingleAsync();
            var auditorName = await db.Users.Where(u => u.Id == auditorId).Select(u => u.DisplayName).SingleAsync();
            return new Seeded(bodyId, programCode, adminEmail, auditorEmail, auditorName!, formula.Email, formulaRfc, approved.Id, inReview.Id, older.Id,
                question.Code, question.Text.Es, question.Text.En, active.Number, activeCode, revoked.Number);
        });
    }

    /// <summary>A Mexico City wall-clock time (UTC−6 all year since 2022).</summary>
    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, MexicoCity);

    private static AssessmentSnapshot Snapshot(int assessmentId, int number, decimal score) => new()
    {
        AssessmentId = assessmentId, SubmissionNumber = number, OverallScore = score, Eligible = true, ScoreJson = "{}", CreatedAt = DateTimeOffset.UtcNow,
    };

    private static Distinctive Distinctive(
        Assessment assessment, int bodyId, string number, VerificationCode code, string legalName, CompanyUser company, MexicanState state,
        string level, decimal score, string topics, DateOnly firstDay, DateOnly expiresOn, int index) => new()
        {
            AssessmentId = assessment.Id, CompanyId = company.CompanyId, ProgramId = assessment.ProgramId, CertifyingBodyId = bodyId, Number = number,
            Year = firstDay.Year, Sequence = index, VerificationCode = code.Value, LegalName = legalName, Rfc = "XAXX010101000", State = state,
            LevelCode = level, Score = score, Topics = topics, IssuedAt = At(firstDay.Year, firstDay.Month, firstDay.Day, 11, 0),
            ValidFrom = Validity.StartOfDay(firstDay, BodyCalendar.Zone), ValidUntil = Validity.StartOfDay(expiresOn, BodyCalendar.Zone),
            StatusListIndex = index, CredentialJwt = "not-a-credential", SigningKeyId = "test", Version = Guid.NewGuid(),
        };
}
