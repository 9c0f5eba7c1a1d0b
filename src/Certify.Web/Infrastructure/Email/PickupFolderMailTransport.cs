using MimeKit;

namespace Certify.Web.Infrastructure.Email;

/// <summary>Writes each message as an .eml file that any mail client opens; the embedded default.</summary>
public sealed class PickupFolderMailTransport(string directory) : IMailTransport
{
    public string Directory { get; } = directory;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var name = $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml";
        var temp = Path.Combine(Directory, name + ".tmp");
        // Write then rename, so a reader of the folder never sees half a message.
        await using (var stream = File.Create(temp))
        {
            await message.WriteToAsync(stream, ct);
        }

        File.Move(temp, Path.Combine(Directory, name));
    }
}
