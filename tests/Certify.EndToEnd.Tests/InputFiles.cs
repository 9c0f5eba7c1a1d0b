using Microsoft.Playwright;

namespace Certify.EndToEnd.Tests;

/// <summary>
/// Files for a Blazor <c>InputFile</c> on an interactive page. Blazor wires the input's change listener from JavaScript
/// after the component renders (it marks the element with <c>_blazorInputFileNextFileId</c>); files set before that
/// are silently lost, so the journeys wait for the mark first — never for a fixed time.
/// </summary>
public static class InputFiles
{
    public static async Task SetWhenReadyAsync(this ILocator input, FilePayload file)
    {
        ArgumentNullException.ThrowIfNull(input);
        var ready = await input.EvaluateAsync<bool>(
            "el => new Promise(resolve => { const start = Date.now(); const check = () => el._blazorInputFileNextFileId !== undefined ? resolve(true) : Date.now() - start > 15000 ? resolve(false) : setTimeout(check, 25); check(); })");
        Assert.True(ready, "The file input was never wired up by Blazor (15 s).");
        await input.SetInputFilesAsync(file);
    }
}
