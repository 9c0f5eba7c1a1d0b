namespace Certify.Data.Entities;

/// <summary>A certifying body's program (e.g. DRL-AUTO): its questionnaire version, levels and review settings.</summary>
public class CertificationProgram
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public int CertifyingBodyId { get; set; }
    public CertifyingBody? CertifyingBody { get; set; }
    public required string NameEs { get; set; }
    public required string NameEn { get; set; }
    public int QuestionnaireVersionId { get; set; }
    public QuestionnaireVersion? QuestionnaireVersion { get; set; }

    /// <summary>The program file as loaded (levels, deadlines); parsed by the domain's ProgramLoader.</summary>
    public required string Json { get; set; }

    /// <summary>Days the body has to review a submission; starts from the program file, then set by a program admin.</summary>
    public int ReviewDeadlineDays { get; set; }

    /// <summary>Four eyes: an auditor's approval waits for a program admin's confirmation.</summary>
    public bool RequireApprovalConfirmation { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
