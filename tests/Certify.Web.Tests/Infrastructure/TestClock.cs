namespace Certify.Web.Tests.Infrastructure;

/// <summary>A clock the test sets and moves by hand, for jobs that act on "today".</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
