namespace Certify.Data.Entities;

/// <summary>A chamber or other organisation that runs programs and issues distinctives. A tenant.</summary>
public class CertifyingBody
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<BodyMembership> Members { get; set; } = [];
}
