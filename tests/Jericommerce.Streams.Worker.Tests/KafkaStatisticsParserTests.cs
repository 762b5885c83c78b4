using Jericommerce.Streams.Observability.Kafka;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>librdkafka statistics reports (as librdkafka 2.16 writes them) read into the exported fields.</summary>
public sealed class KafkaStatisticsParserTests
{
    private static string Report(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    [Fact]
    public void AProducerReport_GivesItsQueueAndEachRealBrokersRoundTrip()
    {
        var statistics = KafkaStatisticsParser.Parse(Report("librdkafka-producer-statistics.json"));

        Assert.NotNull(statistics);
        Assert.Equal("producer", statistics.ClientType);
        Assert.Equal(17, statistics.QueuedMessages);
        Assert.Equal(6800, statistics.QueuedBytes);
        Assert.Equal(
            [new KafkaBrokerStatistics(1, "UP", TimeSpan.FromMilliseconds(1.2), 5), new KafkaBrokerStatistics(2, "DOWN", TimeSpan.Zero, 0)],
            statistics.Brokers.OrderBy(b => b.NodeId));
    }

    [Fact]
    public void AConsumerReport_LeavesOutTheLogicalGroupCoordinator()
    {
        var statistics = KafkaStatisticsParser.Parse(Report("librdkafka-consumer-statistics.json"));

        Assert.NotNull(statistics);
        Assert.Equal("consumer", statistics.ClientType);
        var broker = Assert.Single(statistics.Brokers);
        Assert.Equal(1, broker.NodeId);
        Assert.Equal(TimeSpan.FromMicroseconds(500_532), broker.RttAverage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{"type":"producer","msg_cnt":"many"}""")]
    [InlineData("""{"type":"producer","brokers":{"b/1":{"nodeid":"one"}}}""")]
    [InlineData("""{"type":"producer","msg_cnt":3""")]
    public void AnythingElse_GivesNothing(string json) => Assert.Null(KafkaStatisticsParser.Parse(json));

    [Fact]
    public void Statistics_KeepTheLastGoodReport_AndIgnoreABrokenOne()
    {
        var holder = new KafkaProducerStatistics();
        holder.Update(Report("librdkafka-producer-statistics.json"));
        holder.Update("{ broken");

        Assert.Equal(17, holder.Latest?.QueuedMessages);
    }
}
