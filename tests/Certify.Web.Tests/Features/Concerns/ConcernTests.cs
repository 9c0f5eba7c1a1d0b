using System.Net;
using System.Security.Claims;
using System.Text;
using Certify.Data.Entities;
using Certify.Domain.Concerns;
using Certify.Domain.Distinctives;
using Certify.Domain.Tenancy;
using Certify.Web.Features.Audit;
using Certify.Web.Features.Concerns;
using Certify.Web.Tests.Features.Assessments;
using Certify.Web.Tests.Features.Distinctives;
using Certify.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Certify.Web.Tests.Features.Concerns;

/// <summary>
/// Worker concerns end to end through the service and the pages: anonymous reporting that keeps nothing about the
/// reporter, encryption at rest, the receipt code, the body's handling and who may see what.
/// </summary>
public sealed class ConcernTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private const string ProgramAdminEmail = "programa@capb.demo";

    [Fact]
    public async Task ReportForm_Anonymous_WithoutCookies_GivesAReceipt_AndTheRowHoldsNothingAboutTheReporter()
    {
        var distinctive = await factory.CreateDistinctiveAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.UserAgent.ParseAdd("AgenteDePrueba/9.1");
        const string what = "En la línea 3 nos descuentan el tiempo extra y nos piden no hablar con el sindicato.";

        using var form = await client.GetAsync($"/verificar/{distinctive.Code.Format()}/reportar");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.NotNull(CertifyWebFactory.Parse(await form.Content.ReadAsStringAsync()).QuerySelector("[data-testid=concern-form]"));
        using var posted = await client.PostAsync($"/verificar/{distinctive.Code.Format()}/reportar", new FormUrlEncodedContent(
        [
            new("_handler", "concern-report"), new("Posted.Topic", nameof(ConcernTopic.PayHours)), new("Posted.What", what),
            new("Posted.Since", "desde febrero"), new("Posted.Ongoing", "yes"), new("Posted.Contact", ""),
        ]));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var page = CertifyWebFactory.Parse(await posted.Content.ReadAsStringAsync());
        var receipt = page.QuerySelector("[data-testid=receipt-code]")?.GetAttribute("value");
        Assert.True(ReceiptCode.TryParse(receipt, out var code), $"no receipt code on the page: {receipt}");
        var row = await factory.WithDbAsync(db => db.Concerns.AsNoTracking().SingleAsync(c => c.LookupId == code.LookupId));
        Assert.Equal(distinctive.CompanyId, row.CompanyId);
        Assert.Equal(ConcernTopic.PayHours, row.Topic);
        Assert.Equal(ConcernState.New, row.State);
        Assert.Null(row.ContactCipher);
        Assert.NotEqual(Encoding.UTF8.GetBytes(code.Secret), row.SecretHash);

        // Nothing in the row could point at the device: every column is listed, and none holds an address, an agent or
        // an instant (the day only).
        var columns = await factory.WithDbAsync(db => Task.FromResult(db.Model.FindEntityType(typeof(Concern))!.GetProperties()
            .Select(p => (p.Name, p.ClrType)).ToList()));
        Assert.DoesNotContain(columns, c => c.Name.Contains("Ip", StringComparison.Ordinal) || c.Name.Contains("Agent", StringComparison.Ordinal)
            || c.Name.Contains("Address", StringComparison.Ordinal));
        Assert.DoesNotContain(columns, c => c.ClrType == typeof(DateTimeOffset) || c.ClrType == typeof(DateTimeOffset?) || c.ClrType == typeof(DateTime));
        var stored = string.Join("|", typeof(Concern).GetProperties().Where(p => p.PropertyType == typeof(string)).Select(p => p.GetValue(row) as string));
        Assert.DoesNotContain("AgenteDePrueba", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("línea 3", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(code.Secret, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportForm_BadInput_KeepsWhatWasTypedAndSaysWhy()
    {
        var distinctive = await factory.CreateDistinctiveAsync();
        using var client = factory.CreateClient();

        using var posted = await client.PostAsync($"/verificar/{distinctive.Code.Format()}/reportar", new FormUrlEncodedContent(
        [
            new("_handler", "concern-report"), new("Posted.What", "Muy corto"), new("Posted.Since", "ayer"),
        ]));

        var page = CertifyWebFactory.Parse(await posted.Content.ReadAsStringAsync());
        var errors = page.QuerySelector("[data-testid=concern-errors]")!.TextContent;
        Assert.Contains("Elige de qué trata", errors, StringComparison.Ordinal);
        Assert.Contains("al menos 20 caracteres", errors, StringComparison.Ordinal);
        Assert.Equal("Muy corto", page.QuerySelector("#concern-what")!.TextContent);
        Assert.Equal("ayer", page.QuerySelector("#concern-since")!.GetAttribute("value"));
        Assert.False(await factory.WithDbAsync(db => db.Concerns.AnyAsync(c => c.DistinctiveId == distinctive.Id)));
    }

    [Fact]
    public async Task ReportText_IsNotStoredAsPlainText()
    {
        var distinctive = await factory.CreateDistinctiveAsync();
        const string what = "Texto-centinela-7Q4 sobre un contrato de protección firmado sin consulta.";
        const string contact = "centinela-contacto@correo.example";
        var (_, id) = await factory.ReportConcernAsync(distinctive.Code.Value, what, contact);

        var row = await factory.WithDbAsync(db => db.Concerns.AsNoTracking().SingleAsync(c => c.Id == id));

        Assert.DoesNotContain("centinela", row.ReportCipher, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("centinela", row.ContactCipher!, StringComparison.OrdinalIgnoreCase);
        if (await factory.WithDbAsync(db => Task.FromResult(db.Database.IsSqlite())))
        {
            // The database file itself (and its write-ahead log) holds no plain copy.
            foreach (var file in Directory.EnumerateFiles(factory.DataDirectory, "certify.db*"))
            {
                byte[] bytes;
                using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                using (var memory = new MemoryStream())
                {
                    await stream.CopyToAsync(memory);
                    bytes = memory.ToArray();
                }

                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("Texto-centinela-7Q4")));
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(contact)));
            }
        }

        var detail = await Service().DetailAsync(distinctive.BodyId, id, await ProgramAdminAsync(), CancellationToken.None);
        Assert.Equal(what, detail!.Report.What);
        Assert.Equal(contact, detail.Contact);
    }

    [Fact]
    public async Task FollowUp_RightCodeOpens_WrongAndUnknownAndMalformedGetTheSameAnswer()
    {
        var distinctive = await factory.CreateDistinctiveAsync();
        var (receipt, _) = await factory.ReportConcernAsync(distinctive.Code.Value, "Nos cambiaron de razón social sin reconocer la antigüedad.");
        Assert.True(ReceiptCode.TryParse(receipt, out var code));
        var wrongSecret = new ReceiptCode(code.LookupId, new string(code.Secret.Reverse().ToArray()) == code.Secret ? "0000000000000000000Z" : new string(code.Secret.Reverse().ToArray())).Format();
        var unknown = ReceiptCode.Generate().Format();
        var from = ConcernTestData.Network(61001);

        var right = await Service().FollowUpAsync(receipt.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), from, CancellationToken.None);

        Assert.NotNull(right);
        Assert.Equal(ConcernState.New, right.State);
        Assert.Null(await Service().FollowUpAsync(wrongSecret, from, CancellationToken.None));
        Assert.Null(await Service().FollowUpAsync(unknown, from, CancellationToken.None));
        Assert.Null(await Service().FollowUpAsync("no es un código", from, CancellationToken.None));

        using var client = factory.CreateClient();
        var wrongPage = CertifyWebFactory.Parse(await PostFollowUpAsync(client, wrongSecret));
        var unknownPage = CertifyWebFactory.Parse(await PostFollowUpAsync(client, unknown));
        Assert.Equal(wrongPage.QuerySelector("main")!.TextContent, unknownPage.QuerySelector("main")!.TextContent);
        Assert.NotNull(wrongPage.QuerySelector("[data-testid=followup-wrong]"));
        Assert.NotNull(CertifyWebFactory.Parse(await PostFollowUpAsync(client, receipt)).QuerySelector("[data-testid=followup-status]"));
    }

    [Fact]
    public async Task Conversation_BodyAcknowledgesAndWrites_ReporterReadsAndAnswers_BodyClosesWithAReason()
    {
        var distinctive = await factory.CreateDistinctiveAsync();
        var (receipt, id) = await factory.ReportConcernAsync(distinctive.Code.Value, "A las compañeras embarazadas no les renuevan el contrato.");
        var admin = await ProgramAdminAsync();
        var from = ConcernTestData.Network(61002);

        Assert.Equal(ConcernOutcome.Done, await Service().ActAsync(distinctive.BodyId, id, ConcernCommand.Acknowledge, null, null, admin, CancellationToken.None));
        Assert.Equal(ConcernOutcome.TextRequired, await Service().ActAsync(distinctive.BodyId, id, ConcernCommand.Reply, "  ", null, admin, CancellationToken.None));
        Assert.Equal(ConcernOutcome.Done, await Service().ActAsync(distinctive.BodyId, id, ConcernCommand.Reply,
            "¿En qué área trabajas y desde cuándo ocurre?", null, admin, CancellationToken.None));
        var seen = await Service().FollowUpAsync(receipt, from, CancellationToken.None);
        Assert.Equal(ConcernState.Acknowledged, seen!.State);
        Assert.Equal("¿En qué área trabajas y desde cuándo ocurre?", Assert.Single(seen.Messages).Text);

        Assert.True(await Service().ReporterReplyAsync(receipt, "En ensamble, desde el año pasado.", from, CancellationToken.None));
        Assert.Equal(ConcernOutcome.Done, await Service().ActAsync(distinctive.BodyId, id, ConcernCommand.Close,
            "Pedimos a la empresa su política de contratación y la corrigió.", null, admin, CancellationToken.None));

        var closed = await Service().FollowUpAsync(receipt, from, CancellationToken.None);
        Assert.Equal(ConcernState.Closed, closed!.State);
        Assert.Equal("Pedimos a la empresa su política de contratación y la corrigió.", closed.CloseReason);
        Assert.Equal([false, true], closed.Messages.Select(m => m.FromReporter));
        Assert.False(await Service().ReporterReplyAsync(receipt, "Gracias.", from, CancellationToken.None));
        var row = await factory.WithDbAsync(db => db.Concerns.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.NotNull(row.AcknowledgedOn);
        Assert.NotNull(row.FeedbackOn);

        // Audited for the body, never filed under the company, and never with the concern's words.
        var events = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == nameof(Concern) && e.EntityId == id.ToString()).ToListAsync());
        Assert.Equal(
            [AuditActions.ConcernAcknowledged, AuditActions.ConcernReplied, AuditActions.ConcernClosed],
            events.Select(e => e.Action).Where(a => a != AuditActions.ConcernRead));
        Assert.All(events, e => Assert.Null(e.CompanyId));
        Assert.All(events, e => Assert.Equal(distinctive.BodyId, e.CertifyingBodyId));
        Assert.All(events, e => Assert.DoesNotContain("embarazadas", e.Details ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Detail_EveryReadIsAudited()
    {
        var distinctive = await factory.CreateDistinctiveAsync();
        var (_, id) = await factory.ReportConcernAsync(distinctive.Code.Value, "Hay jornadas de doce horas sin pago de horas extra.");
        var admin = await ProgramAdminAsync();

        await Service().DetailAsync(distinctive.BodyId, id, admin, CancellationToken.None);
        await Service().DetailAsync(distinctive.BodyId, id, admin, CancellationToken.None);

        Assert.Equal(2, await factory.WithDbAsync(db => db.AuditEvents.CountAsync(
            e => e.Action == AuditActions.ConcernRead && e.EntityId == id.ToString() && e.CompanyId == null)));
    }

    [Fact]
    public async Task Tenancy_OtherBodiesCompanyMembersAndUnassignedAuditorsSeeNothing()
    {
        var distinctive = await factory.CreateDistinctiveAsync();
        var (_, id) = await factory.ReportConcernAsync(distinctive.Code.Value, "Nos hicieron firmar hojas en blanco al ingresar.");
        var otherBody = await factory.CreateBodyAsync("otro-organismo-inquietudes", "Otro organismo (inquietudes)");
        var outsiderId = await factory.CreateUserAsync("programa@otro-inquietudes.example", authenticator: true);
        await factory.AddBodyMembershipAsync(otherBody, outsiderId, BodyRole.ProgramAdmin);
        var outsider = new CompanyUser(0, outsiderId, "programa@otro-inquietudes.example").Principal;
        var owner = new CompanyUser(distinctive.CompanyId, await factory.UserIdAsync(CertifyWebFactory.OwnerAEmail), CertifyWebFactory.OwnerAEmail).Principal;
        var auditorId = await factory.UserIdAsync(CertifyWebFactory.AuditorEmail);
        var auditor = new CompanyUser(0, auditorId, CertifyWebFactory.AuditorEmail).Principal;

        foreach (var user in new[] { outsider, owner, auditor })
        {
            Assert.Null(await Service().DetailAsync(distinctive.BodyId, id, user, CancellationToken.None));
            Assert.Equal(ConcernOutcome.NotFound, await Service().ActAsync(distinctive.BodyId, id, ConcernCommand.Reply, "Hola", null, user, CancellationToken.None));
        }

        Assert.Null(await Service().DetailAsync(otherBody, id, outsider, CancellationToken.None));
        Assert.Null(await Service().InboxAsync(distinctive.BodyId, owner, CancellationToken.None));
        Assert.DoesNotContain((await Service().InboxAsync(distinctive.BodyId, auditor, CancellationToken.None))!.Rows, r => r.Id == id);

        Assert.Equal(ConcernOutcome.Done, await Service().ActAsync(distinctive.BodyId, id, ConcernCommand.Assign, auditorId, null, await ProgramAdminAsync(), CancellationToken.None));
        Assert.Contains((await Service().InboxAsync(distinctive.BodyId, auditor, CancellationToken.None))!.Rows, r => r.Id == id);
        Assert.NotNull(await Service().DetailAsync(distinctive.BodyId, id, auditor, CancellationToken.None));
        Assert.Equal(ConcernOutcome.NotAllowed, await Service().ActAsync(distinctive.BodyId, id, ConcernCommand.Suspend, "Motivo", null, auditor, CancellationToken.None));

        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, CertifyWebFactory.OwnerAEmail);
        using var page = await client.GetAsync($"/organismos/{distinctive.BodyId}/inquietudes/{id}");
        Assert.True(page.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Redirect, $"the company's owner got {(int)page.StatusCode}");
    }

    [Fact]
    public async Task Company_NeverSeesTheConcern_OnItsPagesMailOrTheApi()
    {
        var distinctive = await factory.CreateDistinctiveAsync();
        const string marker = "Marcador-Z9K";
        var (receipt, id) = await factory.ReportConcernAsync(distinctive.Code.Value, $"{marker}: el supervisor amenaza a quien se afilie.", contact: $"{marker}@correo.example");
        var admin = await ProgramAdminAsync();
        await Service().ActAsync(distinctive.BodyId, id, ConcernCommand.Reply, $"{marker} respuesta del organismo", null, admin, CancellationToken.None);
        await Service().ActAsync(distinctive.BodyId, id, ConcernCommand.Close, $"{marker} motivo de cierre", null, admin, CancellationToken.None);

        using var client = factory.CreateBrowserClient();
        await factory.SignInAsync(client, CertifyWebFactory.OwnerAEmail);
        foreach (var path in new[]
        {
            $"/empresas/{distinctive.CompanyId}", $"/empresas/{distinctive.CompanyId}/distintivos", $"/empresas/{distinctive.CompanyId}/auditoria",
            $"/notificaciones", $"/verificar/{distinctive.Code.Format()}", $"/api/v1/distinctives/{distinctive.Code.Value}", "/registro",
        })
        {
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(marker, body, StringComparison.Ordinal);
            Assert.DoesNotContain(receipt, body, StringComparison.Ordinal);
        }

        var mail = Path.Combine(factory.DataDirectory, "mail");
        if (Directory.Exists(mail))
        {
            Assert.All(Directory.EnumerateFiles(mail), file => Assert.DoesNotContain(marker, File.ReadAllText(file), StringComparison.Ordinal));
        }

        Assert.False(await factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.DataJson.Contains(marker))));
    }

    [Fact]
    public async Task Suspend_FromAConcern_SuspendsTheDistinctiveWithThePublicReason()
    {
        var distinctive = await factory.CreateDistinctiveAsync();
        var (_, id) = await factory.ReportConcernAsync(distinctive.Code.Value, "La empresa despidió a quienes votaron en la consulta del contrato.");

        var outcome = await Service().ActAsync(distinctive.BodyId, id, ConcernCommand.Suspend,
            "Suspensión mientras el organismo revisa el cumplimiento en libertad sindical.", null, await ProgramAdminAsync(), CancellationToken.None);

        Assert.Equal(ConcernOutcome.Done, outcome);
        var row = await factory.WithDbAsync(db => db.Distinctives.AsNoTracking().SingleAsync(d => d.Id == distinctive.Id));
        Assert.NotNull(row.SuspendedAt);
        Assert.Equal("Suspensión mientras el organismo revisa el cumplimiento en libertad sindical.", row.StatusReason);
        var detail = await Service().DetailAsync(distinctive.BodyId, id, await ProgramAdminAsync(), CancellationToken.None);
        Assert.Equal(DistinctiveStatus.Suspended, detail!.DistinctiveStatus);
    }

    [Fact]
    public async Task Limits_ReportsAndCodeTriesPerNetworkAndDay()
    {
        var distinctive = await factory.CreateDistinctiveAsync();
        var from = ConcernTestData.Network(61003);
        var form = new ConcernForm { Topic = nameof(ConcernTopic.Other), What = "Una situación que se repite cada semana en el turno." };
        var outcomes = new List<ReportStatus>();
        for (var i = 0; i <= ConcernLimits.ReportsPerDay; i++)
        {
            outcomes.Add((await Service().ReportAsync(distinctive.Code.Value, form, from, CancellationToken.None)).Status);
        }

        Assert.Equal(Enumerable.Repeat(ReportStatus.Sent, ConcernLimits.ReportsPerDay).Append(ReportStatus.Limited), outcomes);
        Assert.Equal(ReportStatus.Sent, (await Service().ReportAsync(distinctive.Code.Value, form, ConcernTestData.Network(61004), CancellationToken.None)).Status);

        var (receipt, _) = await factory.ReportConcernAsync(distinctive.Code.Value, "Otra situación que conviene revisar pronto.");
        var guesser = IPAddress.Parse("2001:db8:61:5::1");
        for (var i = 0; i < ConcernLimits.CodeTriesPerDay; i++)
        {
            Assert.Null(await Service().FollowUpAsync(ReceiptCode.Generate().Format(), guesser, CancellationToken.None));
        }

        // Over the limit even the right code gets the wrong-code answer, from the same /48 network.
        Assert.Null(await Service().FollowUpAsync(receipt, IPAddress.Parse("2001:db8:61:ffff::9"), CancellationToken.None));
        Assert.NotNull(await Service().FollowUpAsync(receipt, ConcernTestData.Network(61005), CancellationToken.None));
        Assert.False(await factory.WithDbAsync(db => db.ConcernThrottles.AnyAsync(t => t.Key.Contains("2001"))));
    }

    [Fact]
    public async Task Honeypot_Filled_AnswersAsIfSentButStoresNothing()
    {
        var distinctive = await factory.CreateDistinctiveAsync();
        var form = new ConcernForm { Topic = nameof(ConcernTopic.Other), What = "Texto de un robot que llena todos los campos.", Website = "http://spam.example" };

        var outcome = await Service().ReportAsync(distinctive.Code.Value, form, ConcernTestData.Network(61006), CancellationToken.None);

        Assert.Equal(ReportStatus.Sent, outcome.Status);
        Assert.False(await factory.WithDbAsync(db => db.Concerns.AnyAsync(c => c.DistinctiveId == distinctive.Id)));
    }

    private static async Task<string> PostFollowUpAsync(HttpClient client, string code)
    {
        using var response = await client.PostAsync("/seguimiento", new FormUrlEncodedContent([new("_handler", "concern-followup"), new("Code", code)]));
        return await response.Content.ReadAsStringAsync();
    }

    private ConcernService Service() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<ConcernService>();

    private async Task<ClaimsPrincipal> ProgramAdminAsync() =>
        new CompanyUser(0, await factory.UserIdAsync(ProgramAdminEmail), ProgramAdminEmail).Principal;
}

/// <summary>The daily deadline job over worker concerns: reminders and one escalation per missed deadline, run twice.</summary>
public sealed class ConcernDeadlineJobTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task Run_Twice_RemindsOnceAndEscalatesTheMissedAcknowledgementOnce_WithoutTheConcernsWords()
    {
        var distinctive = await factory.CreateDistinctiveAsync();
        var (_, late) = await factory.ReportConcernAsync(distinctive.Code.Value, "Texto-plazo: nos cambiaron el turno sin aviso ni pago.");
        var (_, fresh) = await factory.ReportConcernAsync(distinctive.Code.Value, "Texto-plazo: otra situación recién llegada al organismo.");
        var today = await factory.WithDbAsync(db => db.Concerns.Where(c => c.Id == late).Select(c => c.ReceivedOn).SingleAsync());
        await factory.WithDbAsync(db => db.Concerns.Where(c => c.Id == late)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReceivedOn, today.AddDays(-(ConcernWorkflow.AcknowledgeDays + 1)))));

        for (var run = 0; run < 2; run++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ConcernDeadlineJob>().RunAsync(CancellationToken.None);
        }

        var notes = await factory.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.Url.Contains("/inquietudes/")).ToListAsync());
        var admins = await factory.WithDbAsync(db => db.BodyMemberships.CountAsync(
            m => m.CertifyingBodyId == distinctive.BodyId && m.Active && m.Role == BodyRole.ProgramAdmin));
        Assert.Equal(admins, notes.Count(n => n.Kind == nameof(Certify.Web.Features.Notifications.NotificationKind.ConcernOverdue) && n.Url.EndsWith($"/{late}", StringComparison.Ordinal)));
        Assert.Equal(admins, notes.Count(n => n.Kind == nameof(Certify.Web.Features.Notifications.NotificationKind.ConcernDueSoon) && n.Url.EndsWith($"/{late}", StringComparison.Ordinal)));
        Assert.DoesNotContain(notes, n => n.Url.EndsWith($"/{fresh}", StringComparison.Ordinal));
        Assert.All(notes, n => Assert.DoesNotContain("Texto-plazo", n.DataJson, StringComparison.Ordinal));
        var row = await factory.WithDbAsync(db => db.Concerns.AsNoTracking().SingleAsync(c => c.Id == late));
        Assert.NotNull(row.AcknowledgeEscalatedOn);
        Assert.Null(row.FeedbackEscalatedOn);
    }
}

/// <summary>The public concern figures on /registro: counts per quarter, never a cell below five.</summary>
public sealed class ConcernFiguresTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    [Fact]
    public async Task Figures_CountPerQuarterByTopicAndState_AndHideCellsBelowFive()
    {
        var distinctive = await factory.CreateDistinctiveAsync();
        for (var i = 0; i < 5; i++)
        {
            await factory.ReportConcernAsync(distinctive.Code.Value, $"Situación {i} sobre la libertad sindical en la planta.", topic: ConcernTopic.UnionFreedom);
        }

        for (var i = 0; i < 3; i++)
        {
            await factory.ReportConcernAsync(distinctive.Code.Value, $"Situación {i} sobre el pago de horas extra.", topic: ConcernTopic.PayHours);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var figures = await scope.ServiceProvider.GetRequiredService<ConcernFiguresService>().ComputeAsync(CancellationToken.None);

        Assert.Equal(ConcernFigures.QuarterCount, figures.Quarters.Count);
        var union = figures.ByTopic.Single(r => r.Key == ConcernTopic.UnionFreedom);
        Assert.Equal(5, union.Received[^1]);
        Assert.Null(union.Closed[^1]);
        Assert.Null(figures.ByTopic.Single(r => r.Key == ConcernTopic.PayHours).Received[^1]);
        Assert.All(figures.ByTopic, r => Assert.All(r.Received.Take(ConcernFigures.QuarterCount - 1), Assert.Null));
        var state = await factory.WithDbAsync(db => db.Companies.Where(c => c.Id == distinctive.CompanyId).Select(c => c.State).SingleAsync());
        var quarterStart = new DateOnly(figures.Quarters[^1].Year, ((figures.Quarters[^1].Number - 1) * 3) + 1, 1);
        var inState = await factory.WithDbAsync(db => db.Concerns.CountAsync(c => c.Company!.State == state && c.ReceivedOn >= quarterStart));
        Assert.True(inState >= 8, $"{inState} concerns in the state");
        Assert.Equal(inState, Assert.Single(figures.ByState, r => r.Key == state).Received[^1]);

        using var client = factory.CreateClient();
        var page = CertifyWebFactory.Parse(await client.GetStringAsync("/registro?q=x"));
        var table = page.QuerySelector("[data-testid=concern-figures-topic]")!.TextContent;
        Assert.Contains("5 / menos de 5", table, StringComparison.Ordinal);
        Assert.Contains("menos de 5 / menos de 5", table, StringComparison.Ordinal);
    }
}
