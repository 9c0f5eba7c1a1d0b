using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Certify.Web.Identity;

/// <summary>
/// Whether the person behind a circuit did anything since the last revalidation. Work on an interactive page sends
/// no HTTP request, so without this an auditor busy on one review would look idle; an open tab nobody touches
/// must not keep its session alive either.
/// </summary>
public sealed class SessionCircuitActivity
{
    private int _seen;

    public void Record() => Interlocked.Exchange(ref _seen, 1);

    /// <summary>True when there was activity since the previous call.</summary>
    public bool Take() => Interlocked.Exchange(ref _seen, 0) == 1;
}

internal sealed class SessionCircuitHandler(SessionCircuitActivity activity) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            activity.Record();
            return next(context);
        };
}
