namespace Certify.Domain.Sessions;

/// <summary>Why a signed-in session stopped being accepted.</summary>
public enum SessionEndReason
{
    SignedOut,
    EndedByUser,
    Idle,
    PasswordChanged,
    PasswordReset,
    TwoFactorReset,
    TwoFactorDisabled,
    RoleRemoved,
    MembershipDeactivated,
    AccountLocked,
}
