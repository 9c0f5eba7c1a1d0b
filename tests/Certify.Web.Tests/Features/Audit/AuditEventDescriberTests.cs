using System.Globalization;
using System.Resources;
using Certify.Domain.Assessments;
using Certify.Domain.Reviews;
using Certify.Web.Features.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Certify.Web.Tests.Features.Audit;

/// <summary>Every audit event reads as a sentence in both languages, with its details labelled and enums in words.</summary>
public sealed class AuditEventDescriberTests
{
    private static readonly ResourceManager Resources = new(typeof(Certify.Web.Resources.Audit));
    private static readonly CultureInfo Spanish = CultureInfo.InvariantCulture;
    private static readonly CultureInfo English = new("en");

    public static TheoryData<string> Actions() => [.. AuditActions.All.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Actions))]
    public void EveryAction_HasADescriptionInBothLanguages(string action)
    {
        var spanish = Own(Spanish, $"Event_{action}");
        var english = Own(English, $"Event_{action}");

        Assert.False(string.IsNullOrWhiteSpace(spanish), $"{action} has no Spanish description.");
        Assert.False(string.IsNullOrWhiteSpace(english), $"{action} has no English description.");
        Assert.NotEqual(spanish, english);
    }

    [Fact]
    public void Registry_FindsEveryCodeTheCodeBaseWrites_AndAuditLogRefusesAnyOther()
    {
        Assert.Contains(AuditActions.AssessmentSubmitted, AuditActions.All);
        Assert.Contains(AuditActions.ReviewRemainingMarkedConformity, AuditActions.All);
        Assert.True(AuditActions.All.Count > 40);
        Assert.Throws<ArgumentException>(() => AuditLog.Event(TimeProvider.System, AuditActor.System, "assessment.teleported", "Assessment", "1"));
    }

    [Fact]
    public void EveryEnumValueADetailCarries_HasAWordInBothLanguages()
    {
        foreach (var type in AuditEventDescriber.DescribedEnums)
        {
            foreach (var name in Enum.GetNames(type))
            {
                Assert.False(string.IsNullOrWhiteSpace(Own(Spanish, $"{type.Name}_{name}")), $"{type.Name}.{name} (es)");
                Assert.False(string.IsNullOrWhiteSpace(Own(English, $"{type.Name}_{name}")), $"{type.Name}.{name} (en)");
            }
        }
    }

    [Fact]
    public void Describe_Submitted_SentenceInTheReadersLanguageAndEnumsInWords()
    {
        const string details = """{"From":0,"To":1,"Submission":1}""";

        var spanish = Describe("es-MX", AuditActions.AssessmentSubmitted, details);
        var english = Describe("en", AuditActions.AssessmentSubmitted, details);

        Assert.Equal("Se envió la evaluación a revisión (envío 1)", spanish.Text);
        Assert.Equal([new AuditField("Antes", "Borrador"), new AuditField("Después", "Enviada"), new AuditField("Envío", "1")], spanish.Fields);
        Assert.Equal("The assessment was submitted for review (submission 1)", english.Text);
        Assert.Equal(new AuditField("After", "Submitted"), english.Fields[1]);
    }

    [Fact]
    public void Describe_VerdictAndFindingStatus_UseTheirOwnEnums()
    {
        var verdict = Describe("es-MX", AuditActions.FindingRecorded, $$"""{"questionCode":"SUB-03","Severity":{{(int)FindingSeverity.Major}},"DueOn":"2026-04-01"}""");
        var closed = Describe("es-MX", AuditActions.FindingClosed, $$"""{"findingId":9,"QuestionCode":"SUB-03","From":{{(int)FindingStatus.ActionProposed}},"To":{{(int)FindingStatus.Closed}}}""");
        var approved = Describe("es-MX", AuditActions.AssessmentApproved, $$"""{"From":{{(int)AssessmentState.InReview}},"To":{{(int)AssessmentState.Approved}},"SubmissionNumber":2,"LevelGranted":true}""");

        Assert.Equal("Se registró el veredicto de SUB-03: No conformidad mayor", verdict.Text);
        Assert.Contains(new AuditField("Veredicto", "No conformidad mayor"), verdict.Fields);
        Assert.Contains(new AuditField("Después", "Cerrado"), closed.Fields);
        Assert.Contains(new AuditField("Después", "Aprobada"), approved.Fields);
        Assert.Contains(new AuditField("Nivel otorgado", "Sí"), approved.Fields);
    }

    [Fact]
    public void Describe_BulkConformity_PluralAwareAndCompanyNamed()
    {
        Assert.Equal("Se marcaron como conformidad las 34 preguntas que faltaban por calificar",
            Describe("es-MX", AuditActions.ReviewRemainingMarkedConformity, """{"SubmissionNumber":1,"Count":34,"Questions":["SUB-01"]}""").Text);
        Assert.Equal("Se marcó como conformidad la única pregunta que faltaba por calificar",
            Describe("es-MX", AuditActions.ReviewRemainingMarkedConformity, """{"SubmissionNumber":1,"Count":1,"Questions":["SUB-01"]}""").Text);
        Assert.Equal("Se registró la empresa Forjas de León",
            AuditEventDescriber.Describe(Localizer("es-MX"), AuditActions.CompanyRegistered, null, "Forjas de León").Text);
    }

    private static AuditDescription Describe(string culture, string action, string details) =>
        AuditEventDescriber.Describe(Localizer(culture), action, details, "Forjas de León");

    /// <summary>A localizer reading in <paramref name="culture"/> (the describer reads the current UI culture).</summary>
    private static IStringLocalizer<Certify.Web.Resources.Audit> Localizer(string culture)
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        return services.GetRequiredService<IStringLocalizer<Certify.Web.Resources.Audit>>();
    }

    /// <summary>The value in exactly this culture's file, without falling back to the neutral (Spanish) one.</summary>
    private static string? Own(CultureInfo culture, string key) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.GetString(key);
}
