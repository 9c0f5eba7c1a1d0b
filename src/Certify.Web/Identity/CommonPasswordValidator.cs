using Certify.Data.Entities;
using Certify.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Certify.Web.Identity;

/// <summary>
/// OWASP ASVS 5 password rules: 12 to 128 characters, no composition rules, not one of the common
/// passwords shipped in seed/security/common-passwords.txt (compared case-insensitively), and no context word
/// (the site's name, the user's e-mail: <see cref="PasswordContext"/>).
/// </summary>
public sealed class CommonPasswordValidator(CommonPasswordList list, IStringLocalizer<Resources.Account> localizer)
    : IPasswordValidator<ApplicationUser>
{
    public const int MaxLength = 128;

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (password.Length > MaxLength)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = localizer["PasswordTooLong", MaxLength],
            }));
        }

        if (list.Contains(password))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = localizer["PasswordTooCommon"],
            }));
        }

        if (PasswordContext.ContainsContextWord(password, user?.Email ?? user?.UserName))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordContainsContext",
                Description = localizer["PasswordContainsContext", PasswordContext.SiteName],
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }
}

public sealed class CommonPasswordList
{
    private readonly HashSet<string> _passwords;

    public CommonPasswordList(IEnumerable<string> passwords) =>
        _passwords = new HashSet<string>(passwords.Select(p => p.Trim()).Where(p => p.Length > 0), StringComparer.OrdinalIgnoreCase);

    public int Count => _passwords.Count;

    public bool Contains(string password) => _passwords.Contains(password.Trim());

    public static CommonPasswordList Load(string path) => new(File.ReadLines(path));
}
