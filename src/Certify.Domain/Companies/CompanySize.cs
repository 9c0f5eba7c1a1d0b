namespace Certify.Domain.Companies;

/// <summary>Company size by number of workers; see <see cref="CompanySizes.FromWorkers"/>.</summary>
public enum CompanySize
{
    Micro,
    Small,
    Medium,
    Large,
}
