using Certify.Domain.Assessments;
using Certify.Domain.Questionnaires;
using Certify.Web.Features.Assessments;
using Certify.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Certify.Web.Features.Shared;

namespace Certify.Web.Tests.Features.Assessments;

/// <summary>Starting, autosaving and submitting a self-assessment through the service, on a real SQLite database.</summary>
public sealed class AssessmentServiceTests(CertifyWebFactory factory) : IClassFixture<CertifyWebFactory>
{
    private static readonly AnswerValue No = AnswerValue.Choice("no");
    private static readonly AnswerValue Yes = AnswerValue.Choice("yes");

    [Fact]
    public async Task StartAsync_Twice_ReturnsTheSameOpenAssessment()
    {
        var owner = await factory.CreateCompanyAsync("Arranque Doble");

        var first = await factory.StartAssessmentAsync(owner);
        var second = await factory.StartAssessmentAsync(owner);

        Assert.Equal(first, second);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Assessments.CountAsync(a => a.CompanyId == owner.CompanyId)));
    }

    [Fact]
    public async Task SaveAnswerAsync_FirstAndSecondSave_PersistsValueAndRaisesVersion()
    {
        var owner = await factory.CreateCompanyAsync("Autoguardado");
        var id = await factory.StartAssessmentAsync(owner);

        var first = await factory.SaveAsync(owner, id, "SUB-01", No, expectedVersion: 0);

        Assert.Equal(SaveOutcome.Saved, first.Outcome);
        Assert.Equal(1, first.Current!.Version);
        var reread = (await factory.ViewAsync(owner, id)).Answers["SUB-01"];
        Assert.Equal(No, reread.Value);
        Assert.Equal(1, reread.Version);
        Assert.Equal(owner.Email, reread.UpdatedByName);

        var second = await factory.SaveAsync(owner, id, "SUB-01", Yes, expectedVersion: 1);

        Assert.Equal(SaveOutcome.Saved, second.Outcome);
        Assert.Equal(2, second.Current!.Version);
        var stored = await factory.WithDbAsync(db => db.Answers.AsNoTracking().SingleAsync(a => a.AssessmentId == id && a.QuestionCode == "SUB-01"));
        Assert.Equal(Yes, AnswerJson.Deserialize(stored.ValueJson));
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task SaveAnswerAsync_StaleVersionFromColleague_ConflictsAndKeepsTheFirstSave()
    {
        var owner = await factory.CreateCompanyAsync("Dos Editores");
        var colleague = await factory.AddMemberAsync(owner.CompanyId, "colega-conflicto@assessments.example");
        var id = await factory.StartAssessmentAsync(owner);
        Assert.Equal(SaveOutcome.Saved, (await factory.SaveAsync(owner, id, "SUB-01", No, 0)).Outcome);
        var ownerRead = (await factory.ViewAsync(owner, id)).Answers["SUB-01"].Version;
        var colleagueRead = (await factory.ViewAsync(colleague, id)).Answers["SUB-01"].Version;
        Assert.Equal(1, ownerRead);
        Assert.Equal(1, colleagueRead);
        Assert.Equal(SaveOutcome.Saved, (await factory.SaveAsync(owner, id, "SUB-01", Yes, ownerRead)).Outcome);

        var late = await factory.SaveAsync(colleague, id, "SUB-01", No, colleagueRead);

        Assert.Equal(SaveOutcome.Conflict, late.Outcome);
        Assert.Equal(Yes, late.Current!.Value);
        Assert.Equal(2, late.Current.Version);
        Assert.Equal(owner.Email, late.Current.UpdatedByName);
        var stored = await factory.WithDbAsync(db => db.Answers.AsNoTracking().SingleAsync(a => a.AssessmentId == id && a.QuestionCode == "SUB-01"));
        Assert.Equal(Yes, AnswerJson.Deserialize(stored.ValueJson));
        Assert.Equal(2, stored.Version);
        Assert.Equal(owner.UserId, stored.UpdatedByUserId);
    }

    [Fact]
    public async Task SaveAnswerAsync_BothAnswerFirst_SecondConflictsWithTheFirstAnswer()
    {
        var owner = await factory.CreateCompanyAsync("Primera Respuesta");
        var colleague = await factory.AddMemberAsync(owner.CompanyId, "colega-primera@assessments.example");
        var id = await factory.StartAssessmentAsync(owner);

        var first = await factory.SaveAsync(owner, id, "SUB-08", Yes, expectedVersion: 0);
        var second = await factory.SaveAsync(colleague, id, "SUB-08", AnswerValue.Choice("na"), expectedVersion: 0);

        Assert.Equal(SaveOutcome.Saved, first.Outcome);
        Assert.Equal(SaveOutcome.Conflict, second.Outcome);
        Assert.Equal(Yes, second.Current!.Value);
        Assert.Equal(1, second.Current.Version);
        var stored = await factory.WithDbAsync(db => db.Answers.AsNoTracking().SingleAsync(a => a.AssessmentId == id && a.QuestionCode == "SUB-08"));
        Assert.Equal(Yes, AnswerJson.Deserialize(stored.ValueJson));
    }

    [Theory]
    [InlineData("XYZ-99", "yes")]
    [InlineData("SUB-01", "maybe")]
    public async Task SaveAnswerAsync_UnknownQuestionOrOption_IsInvalidAndStoresNothing(string questionCode, string option)
    {
        var owner = await factory.CreateCompanyAsync($"Respuesta Inválida {questionCode} {option}");
        var id = await factory.StartAssessmentAsync(owner);

        var result = await factory.SaveAsync(owner, id, questionCode, AnswerValue.Choice(option), expectedVersion: 0);

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Null(result.Current);
        Assert.False(await factory.WithDbAsync(db => db.Answers.AnyAsync(a => a.AssessmentId == id)));
    }

    [Fact]
    public async Task SaveAnswerAsync_WrongKindForChoiceQuestion_IsInvalid()
    {
        var owner = await factory.CreateCompanyAsync("Tipo Equivocado");
        var id = await factory.StartAssessmentAsync(owner);

        var result = await factory.SaveAsync(owner, id, "SUB-01", AnswerValue.Date(new DateOnly(2025, 1, 31)), expectedVersion: 0);

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.False(await factory.WithDbAsync(db => db.Answers.AnyAsync(a => a.AssessmentId == id)));
    }

    [Fact]
    public async Task SubmitAsync_FreshAssessment_IsIncompleteWithTheMissingAnswersAndStaysDraft()
    {
        var owner = await factory.CreateCompanyAsync("Envío Incompleto");
        var id = await factory.StartAssessmentAsync(owner);

        var result = await factory.WithServiceAsync(s => s.SubmitAsync(owner.CompanyId, id, owner.Principal, CancellationToken.None));

        Assert.Equal(SubmitOutcome.Incomplete, result.Outcome);
        Assert.Contains(new MissingItem("SUB", "SUB-01", MissingKind.Answer), result.Missing);
        Assert.Contains(new MissingItem("IGU", "IGU-01", MissingKind.Answer), result.Missing);
        Assert.DoesNotContain(result.Missing, m => m.QuestionCode == "SUB-03");
        var stored = await factory.WithDbAsync(db => db.Assessments.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(AssessmentState.Draft, stored.State);
        Assert.Equal(0, stored.SubmissionCount);
        Assert.Null(stored.SubmittedAt);
    }

    [Fact]
    public async Task SubmitAsync_AnsweredButEvidenceMissing_ListsTheEvidence()
    {
        var owner = await factory.CreateCompanyAsync("Falta Evidencia");
        var id = await factory.StartAssessmentAsync(owner);
        Assert.Equal(SaveOutcome.Saved, (await factory.SaveAsync(owner, id, "IGU-01", Yes, 0)).Outcome);

        var result = await factory.WithServiceAsync(s => s.SubmitAsync(owner.CompanyId, id, owner.Principal, CancellationToken.None));

        Assert.Equal(SubmitOutcome.Incomplete, result.Outcome);
        Assert.Contains(new MissingItem("IGU", "IGU-01", MissingKind.Evidence), result.Missing);
    }
}
