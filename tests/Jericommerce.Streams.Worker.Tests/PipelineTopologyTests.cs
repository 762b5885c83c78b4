using Jericommerce.Streams.Kafka.Topology;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>Which topics the pipeline needs and how each is made, from the settings; which are missing from metadata.</summary>
public sealed class PipelineTopologyTests
{
    private static readonly string[] Typed = ["p.customer-created.v1", "p.wallet-click.v1"];

    [Fact]
    public void TheWorkersTopology_IsRawEveryTypedTopicAndTheDeadLetterTopic_WithProductionDefaults()
    {
        var topology = PipelineTopology.Create(new TopologyOptions(), "p.raw", Typed, "p.dlq");

        Assert.Equal(["p.raw", .. Typed, "p.dlq"], topology.Topics.Select(t => t.Name));
        Assert.Equal([TopicRole.Raw, TopicRole.Typed, TopicRole.Typed, TopicRole.DeadLetter], topology.Topics.Select(t => t.Role));
        Assert.All(topology.Topics, t => Assert.Equal(3, t.ReplicationFactor));
        Assert.All(topology.Topics, t => Assert.Equal("2", t.Configs["min.insync.replicas"]));
        Assert.All(topology.Topics.SkipLast(1), t => Assert.Equal((8, "604800000"), (t.Partitions, t.Configs["retention.ms"])));
        Assert.Equal((1, "2592000000"), (topology.Topics[^1].Partitions, topology.Topics[^1].Configs["retention.ms"]));
    }

    [Fact]
    public void TheIngressTopology_IsTheRawTopicAlone()
    {
        var topology = PipelineTopology.Create(new TopologyOptions(), "p.raw", [], null);

        Assert.Equal("p.raw", Assert.Single(topology.Topics).Name);
    }

    [Theory]
    [InlineData(1, "1")]
    [InlineData(2, "1")]
    [InlineData(3, "2")]
    [InlineData(5, "2")]
    [InlineData(-1, null)]
    public void MinInSyncReplicas_WhenNotSet_FollowsTheReplicationFactor(short replicationFactor, string? expected)
    {
        var topology = PipelineTopology.Create(new TopologyOptions { ReplicationFactor = replicationFactor }, "p.raw", [], "p.dlq");

        Assert.All(topology.Topics, t => Assert.Equal(expected, t.Configs.GetValueOrDefault("min.insync.replicas")));
    }

    [Fact]
    public void Configs_ApplyToEveryTopic_DeadLetterConfigsOverThem_AndAnEmptyValueLeavesTheBrokersDefault()
    {
        var options = new TopologyOptions { Partitions = 3, DeadLetterPartitions = 2, ReplicationFactor = 1 };
        options.Configs["compression.type"] = "zstd";
        options.Configs["retention.ms"] = "";
        options.DeadLetterConfigs["retention.ms"] = "-1";
        options.Configs["min.insync.replicas"] = "1";

        var topology = PipelineTopology.Create(options, "p.raw", Typed, "p.dlq");

        var raw = topology.Topics[0];
        Assert.Equal((3, (short)1), (raw.Partitions, raw.ReplicationFactor));
        Assert.Equivalent(new Dictionary<string, string> { ["compression.type"] = "zstd", ["min.insync.replicas"] = "1" }, raw.Configs, strict: true);
        Assert.Equivalent(new Dictionary<string, string> { ["compression.type"] = "zstd", ["min.insync.replicas"] = "1", ["retention.ms"] = "-1" }, topology.Topics[^1].Configs, strict: true);
        Assert.Equal(2, topology.Topics[^1].ToSpecification().NumPartitions);
    }

    [Fact]
    public void Missing_CountsATopicAbsentInErrorOrWithoutPartitions()
    {
        var topology = PipelineTopology.Create(new TopologyOptions(), "p.raw", Typed, "p.dlq");
        var partition = new PartitionMetadata(0, 1, [1], [1], new Error(ErrorCode.NoError));
        var metadata = new Metadata(
            [new BrokerMetadata(1, "127.0.0.1", 9092)],
            [
                new TopicMetadata("p.raw", [partition], new Error(ErrorCode.NoError)),
                new TopicMetadata("p.customer-created.v1", [], new Error(ErrorCode.NoError)),
                new TopicMetadata("p.wallet-click.v1", [partition], new Error(ErrorCode.UnknownTopicOrPart)),
                new TopicMetadata("unrelated", [partition], new Error(ErrorCode.NoError)),
            ],
            1,
            "broker");

        Assert.Equal(["p.customer-created.v1", "p.wallet-click.v1", "p.dlq"], topology.Missing(metadata).Select(t => t.Name));
    }

    [Theory]
    [InlineData("Partitions", "Kafka:Topology:Partitions")]
    [InlineData("ReplicationFactor", "Kafka:Topology:ReplicationFactor")]
    [InlineData("MinInSyncReplicas", "Kafka:Topology:Configs:min.insync.replicas (3) must not exceed Kafka:Topology:ReplicationFactor (2)")]
    [InlineData("Retention", "Kafka:Topology:Configs:retention.ms must be milliseconds")]
    public void Validation_NamesTheKey(string broken, string named)
    {
        var options = new TopologyOptions { ReplicationFactor = 2 };
        if (broken == "Partitions")
        {
            options.Partitions = 0;
        }
        else if (broken == "ReplicationFactor")
        {
            options.ReplicationFactor = 0;
        }
        else if (broken == "MinInSyncReplicas")
        {
            options.Configs["min.insync.replicas"] = "3";
        }
        else
        {
            options.Configs["retention.ms"] = "7d";
        }

        Assert.Contains(TopologyOptionsValidator.Failures(options), f => f.Contains(named, StringComparison.Ordinal));
        Assert.Empty(TopologyOptionsValidator.Failures(new TopologyOptions()));
    }
}
