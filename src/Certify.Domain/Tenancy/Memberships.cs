namespace Certify.Domain.Tenancy;

/// <summary>Rules for changing who belongs to a company.</summary>
public static class Memberships
{
    /// <summary>
    /// Whether the target may be removed from the company or demoted to member: never the last owner, so that
    /// every company keeps someone who can manage it.
    /// </summary>
    /// <param name="targetRole">The target's current role.</param>
    /// <param name="ownerCount">The company's current owners, including the target if the target is one.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="ownerCount"/> is negative, or zero while the target is an owner.
    /// </exception>
    public static bool CanRemoveOrDemote(CompanyRole targetRole, int ownerCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ownerCount);
        if (targetRole == CompanyRole.Owner)
        {
            ArgumentOutOfRangeException.ThrowIfZero(ownerCount);
            return ownerCount > 1;
        }

        return true;
    }
}
