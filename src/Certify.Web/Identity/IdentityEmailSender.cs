using Certify.Data.Entities;
using Certify.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;

namespace Certify.Web.Identity;

/// <summary>
/// Identity's messages go through the outbox like every other e-mail, in the user's language, throttled per address
/// (<see cref="EmailOutbox.QueueAccountLinkAsync"/>): the pages answer the same whether a message was queued or not.
/// </summary>
public sealed class IdentityEmailSender(EmailOutbox outbox) : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        outbox.QueueAccountLinkAsync(email, EmailTemplates.ConfirmAccount(user.PreferredCulture, user.DisplayName, confirmationLink));

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        outbox.QueueAccountLinkAsync(email, EmailTemplates.ResetPassword(user.PreferredCulture, user.DisplayName, resetLink));

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        outbox.QueueAccountLinkAsync(email, EmailTemplates.ResetPassword(user.PreferredCulture, user.DisplayName, resetCode));
}
