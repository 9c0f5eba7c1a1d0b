using Microsoft.AspNetCore.Components;

namespace Certify.Web.Components.Shared;

/// <summary>
/// A component whose work stops with it: pass <see cref="Lifetime"/> to every query and service call, and it is
/// cancelled when the component is disposed — the person left the page or the circuit is gone.
/// </summary>
public abstract class LifetimeComponent : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();

    protected LifetimeComponent() => Lifetime = _lifetime.Token;

    /// <summary>Cancelled when the component is disposed.</summary>
    protected CancellationToken Lifetime { get; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && !_lifetime.IsCancellationRequested)
        {
            _lifetime.Cancel();
            _lifetime.Dispose();
        }
    }
}
