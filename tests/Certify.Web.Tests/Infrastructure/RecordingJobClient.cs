using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Certify.Web.Tests.Infrastructure;

/// <summary>
/// A job client that keeps what it is asked to create instead of writing it to storage, so a test can see exactly
/// what one piece of code enqueued, whatever else is in the queue.
/// </summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    private readonly List<Job> _created = [];

    public IReadOnlyList<Job> Created => _created;

    public string Create(Job job, IState state)
    {
        _created.Add(job);
        return _created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) =>
        throw new NotSupportedException("Tests that record jobs do not change their state.");
}
