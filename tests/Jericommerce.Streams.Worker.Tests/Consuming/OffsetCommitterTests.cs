using Jericommerce.Streams.Worker.Consuming;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Jericommerce.Streams.Worker.Tests.Consuming;

/// <summary>When the consume loop commits, on a fake clock.</summary>
public sealed class OffsetCommitterTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void IsDue_OnlyOnceTheCommitIntervalHasPassed()
    {
        var commits = new OffsetCommitter(Interval, _time, NullLogger.Instance);

        _time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.False(commits.IsDue);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(commits.IsDue);
    }

    [Fact]
    public void CommitDue_StartsTheNextInterval()
    {
        var commits = new OffsetCommitter(Interval, _time, NullLogger.Instance);
        _time.Advance(Interval);

        // Nothing owned, so nothing to commit: the consumer is never asked, and needs no broker.
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig { BootstrapServers = "127.0.0.1:1", GroupId = "unit" }).Build();
        commits.CommitDue(consumer, []);

        Assert.False(commits.IsDue);
        _time.Advance(Interval);
        Assert.True(commits.IsDue);
    }
}
