using Jericommerce.Streams.Worker.Group;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>Which group protocol the worker takes from its setting and what the brokers advertise.</summary>
public sealed class GroupProtocolDecisionTests
{
    private static readonly string[] Kafka4 =
    [
        "[thrd:127.0.0.1:9092/bootstrap]: 127.0.0.1:9092/bootstrap:   ApiKey ConsumerGroupHeartbeat (68) Versions 0..1",
        "[thrd:127.0.0.1:9092/1]: 127.0.0.1:9092/1:   ApiKey Metadata (3) Versions 0..13",
        "[thrd:127.0.0.1:9092/1]: 127.0.0.1:9092/1:   ApiKey ApiVersion (18) Versions 0..4",
        "[thrd:127.0.0.1:9092/1]: 127.0.0.1:9092/1:   ApiKey ConsumerGroupHeartbeat (68) Versions 0..1",
        "[thrd:127.0.0.1:9092/1]: 127.0.0.1:9092/1:  Feature BrokerBalancedConsumer: ConsumerGroupHeartbeat (0..32767) supported by broker",
    ];

    private static readonly string[] Kafka3 =
    [
        "[thrd:127.0.0.1:9093/2]: 127.0.0.1:9093/2:   ApiKey Metadata (3) Versions 0..12",
        "[thrd:127.0.0.1:9093/2]: 127.0.0.1:9093/2:   ApiKey ApiVersion (18) Versions 0..3",
        "[thrd:127.0.0.1:9093/2]: 127.0.0.1:9093/2:  Feature BrokerBalancedConsumer: ConsumerGroupHeartbeat (0..32767) NOT supported by broker",
    ];

    [Fact]
    public void FromLibrdkafkaLog_ReadsEachBrokersApis_ByIdRatherThanItsBootstrapConnection()
    {
        var brokers = BrokerApis.FromLibrdkafkaLog([.. Kafka4, .. Kafka3]);

        Assert.Equal(["127.0.0.1:9092/1", "127.0.0.1:9093/2"], brokers.Select(b => b.Broker));
        Assert.True(brokers[0].OffersKip848);
        Assert.False(brokers[1].OffersKip848);
        Assert.Equal(new ApiRange("Metadata", 0, 12), brokers[1].Apis[BrokerApis.MetadataKey]);
        Assert.Equal("127.0.0.1:9093/2: ApiVersions v0..v3, Metadata v0..v12, ConsumerGroupHeartbeat not offered", brokers[1].Describe());
    }

    [Fact]
    public void Auto_WhereEveryBrokerOffersKip848_TakesIt()
    {
        var decision = GroupProtocolDecision.Decide(GroupProtocolChoice.Auto, BrokerApis.FromLibrdkafkaLog(Kafka4));

        Assert.Equal(GroupProtocol.Consumer, decision.Protocol);
        Assert.Null(decision.Refusal);
        Assert.Contains("every broker seen offers KIP-848", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_WhenOneBrokerLacksKip848_TakesClassic_NamingThatBroker()
    {
        var decision = GroupProtocolDecision.Decide(GroupProtocolChoice.Auto, BrokerApis.FromLibrdkafkaLog([.. Kafka4, .. Kafka3]));

        Assert.Equal(GroupProtocol.Classic, decision.Protocol);
        Assert.Contains("127.0.0.1:9093/2 offers no ConsumerGroupHeartbeat", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_WhenNoBrokerAnswered_TakesClassic_WhichEveryBrokerSpeaks()
    {
        var decision = GroupProtocolDecision.Decide(GroupProtocolChoice.Auto, []);

        Assert.Equal(GroupProtocol.Classic, decision.Protocol);
        Assert.Contains("no broker answered", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Consumer_OnABrokerWithoutKip848_IsRefused_NamingTheSettingAndWhatTheBrokerOffers()
    {
        var decision = GroupProtocolDecision.Decide(GroupProtocolChoice.Consumer, BrokerApis.FromLibrdkafkaLog(Kafka3));

        Assert.NotNull(decision.Refusal);
        Assert.Contains("Worker:GroupProtocol (Worker__GroupProtocol) is 'consumer'", decision.Refusal, StringComparison.Ordinal);
        Assert.Contains("ApiVersions v0..v3, Metadata v0..v12, ConsumerGroupHeartbeat not offered", decision.Refusal, StringComparison.Ordinal);
        Assert.Contains("'auto' or 'classic'", decision.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GroupProtocolChoice.Consumer, GroupProtocol.Consumer)]
    [InlineData(GroupProtocolChoice.Classic, GroupProtocol.Classic)]
    public void AnExplicitSetting_OnAKip848Broker_IsTaken(GroupProtocolChoice setting, GroupProtocol expected)
    {
        var decision = GroupProtocolDecision.Decide(setting, BrokerApis.FromLibrdkafkaLog(Kafka4));

        Assert.Equal(expected, decision.Protocol);
        Assert.Null(decision.Refusal);
    }
}
