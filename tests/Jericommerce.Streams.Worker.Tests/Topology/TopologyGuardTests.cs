using Jericommerce.Streams.Kafka.Topology;
using Microsoft.Extensions.Time.Testing;

namespace Jericommerce.Streams.Worker.Tests.Topology;

/// <summary>What the services do about missing topics: report them, or create them as described and say so; a refusal is retried only after a while.</summary>
public sealed class TopologyGuardTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Check_WithCreationOff_ReportsTheMissingTopics_AndCreatesNothing()
    {
        var (admin, recorder) = RecordingAdminClient.Holding("p.raw");
        var guard = Guard(new TopologyOptions());

        var status = guard.Check(admin, Timeout);

        Assert.False(status.Ready);
        Assert.Equal(["p.wallet-click.v1", "p.dlq"], status.Missing);
        Assert.Contains("Kafka:Topology:Create is false", status.Detail, StringComparison.Ordinal);
        Assert.Empty(recorder.CreateRequests);
    }

    [Fact]
    public void Check_WithCreationOn_CreatesOnlyTheMissingTopics_AsTheTopologyDescribesThem()
    {
        var (admin, recorder) = RecordingAdminClient.Holding("p.raw");
        var guard = Guard(new TopologyOptions { Create = true, Partitions = 6, ReplicationFactor = 3 });

        var status = guard.Check(admin, Timeout);

        Assert.True(status.Ready, status.Detail);
        Assert.Equal(["p.wallet-click.v1", "p.dlq"], status.Created);
        var request = Assert.Single(recorder.CreateRequests);
        var typed = request.Single(s => s.Name == "p.wallet-click.v1");
        Assert.Equal((6, (short)3, "2"), (typed.NumPartitions, typed.ReplicationFactor, typed.Configs["min.insync.replicas"]));
        var deadLetters = request.Single(s => s.Name == "p.dlq");
        Assert.Equal((1, "2592000000"), (deadLetters.NumPartitions, deadLetters.Configs["retention.ms"]));
    }

    [Fact]
    public void Check_WhenTheTopicsExist_IsReady_WithoutAskingToCreate()
    {
        var (admin, recorder) = RecordingAdminClient.Holding("p.raw", "p.wallet-click.v1", "p.dlq");
        var guard = Guard(new TopologyOptions { Create = true });

        Assert.True(guard.Check(admin, Timeout).Ready);
        Assert.Empty(recorder.CreateRequests);
    }

    [Fact]
    public void Check_WhenCreationIsRefused_SaysWhy_AndTriesAgainOnlyAfterTheRetryInterval()
    {
        var (admin, recorder) = RecordingAdminClient.Holding("p.raw");
        recorder.Refusal = new KafkaException(ErrorCode.Local_UnsupportedFeature);
        var guard = Guard(new TopologyOptions { Create = true });

        var refused = guard.Check(admin, Timeout);
        _time.Advance(TopologyGuard.CreateRetryInterval - TimeSpan.FromSeconds(1));
        var soon = guard.Check(admin, Timeout);
        _time.Advance(TimeSpan.FromSeconds(1));
        var later = guard.Check(admin, Timeout);

        Assert.Contains("the broker has no CreateTopics API", refused.Detail, StringComparison.Ordinal);
        Assert.Equal(["p.wallet-click.v1", "p.dlq"], refused.Missing);
        Assert.Contains("tried again within 30 s", soon.Detail, StringComparison.Ordinal);
        Assert.False(later.Ready);
        Assert.Equal(2, recorder.CreateRequests.Count);
    }

    [Fact]
    public void Check_WhenCreationSucceedsLater_IsReady_NamingWhatItCreated()
    {
        var (admin, recorder) = RecordingAdminClient.Holding("p.raw");
        recorder.Refusal = new KafkaException(ErrorCode.Local_TimedOut);
        var guard = Guard(new TopologyOptions { Create = true });

        Assert.Contains("creating them failed: Local_TimedOut", guard.Check(admin, Timeout).Detail, StringComparison.Ordinal);
        recorder.Refusal = null;
        _time.Advance(TopologyGuard.CreateRetryInterval);
        var status = guard.Check(admin, Timeout);

        Assert.True(status.Ready, status.Detail);
        Assert.Contains("created p.wallet-click.v1, p.dlq", status.Detail, StringComparison.Ordinal);
    }

    private TopologyGuard Guard(TopologyOptions options) =>
        new(PipelineTopology.Create(options, "p.raw", ["p.wallet-click.v1"], "p.dlq"), options, _time);
}
