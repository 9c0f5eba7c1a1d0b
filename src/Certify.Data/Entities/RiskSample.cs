using Certify.Domain.Companies;

namespace Certify.Data.Entities;

/// <summary>
/// A follow-up sample drawn from a body's risk ranking: the filters, the size asked for, the seed, and the companies
/// drawn with the score and model version each had. Never changed after it is drawn, so it can be replayed and audited.
/// </summary>
public class RiskSample
{
    public long Id { get; set; }
    public int CertifyingBodyId { get; set; }
    public CertifyingBody? CertifyingBody { get; set; }
    public int? ProgramId { get; set; }
    public MexicanState? State { get; set; }
    public string? Topic { get; set; }
    public int Requested { get; set; }
    public long Seed { get; set; }
    public int Candidates { get; set; }
    public DateTimeOffset DrawnAt { get; set; }
    public required string DrawnByUserId { get; set; }

    /// <summary>JSON array of the companies drawn, in draw order.</summary>
    public required string ItemsJson { get; set; }
}
