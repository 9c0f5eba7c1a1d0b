using Certify.Domain.Assessments;

namespace Certify.Data.Entities;

/// <summary>A company's self-assessment against one program, on the questionnaire version it started with.</summary>
public class Assessment
{
    public int Id { get; set; }
    public int CompanyId { get; set; }
    public Company? Company { get; set; }
    public int ProgramId { get; set; }
    public CertificationProgram? Program { get; set; }
    public int QuestionnaireVersionId { get; set; }
    public QuestionnaireVersion? QuestionnaireVersion { get; set; }
    public AssessmentState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedByUserId { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? SubmittedByUserId { get; set; }

    /// <summary>How many times it has been submitted; the submission job's snapshot is keyed by it.</summary>
    public int SubmissionCount { get; set; }

    /// <summary>"{companyId}:{programId}" while open, null once closed: its unique index allows one open assessment per pair.</summary>
    public string? OpenSlot { get; set; }

    /// <summary>The issued assessment this one renews, when it was started as a renewal (pre-filled from it).</summary>
    public int? RenewsAssessmentId { get; set; }

    public Guid Version { get; set; }

    public List<Answer> Answers { get; set; } = [];
    public List<EvidenceFile> Evidence { get; set; } = [];

    public static string SlotFor(int companyId, int programId) => $"{companyId}:{programId}";

    /// <summary>Fires a workflow transition (state and submission count); the domain refuses illegal ones.</summary>
    public void Fire(AssessmentTrigger trigger, WorkflowActor actor)
    {
        State = AssessmentWorkflow.Fire(State, trigger, actor);
        SubmissionCount = AssessmentWorkflow.SubmissionCountAfter(trigger, SubmissionCount);
        OpenSlot = AssessmentWorkflow.IsOpen(State) ? SlotFor(CompanyId, ProgramId) : null;
        Version = Guid.NewGuid();
    }
}
