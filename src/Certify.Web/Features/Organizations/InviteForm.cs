using Certify.Domain.Tenancy;

namespace Certify.Web.Features.Organizations;

public sealed class InviteForm
{
    public string Email { get; set; } = "";
    public CompanyRole Role { get; set; } = CompanyRole.Member;
}
