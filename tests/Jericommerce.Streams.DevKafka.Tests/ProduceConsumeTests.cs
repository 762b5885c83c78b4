using System.Text;
using Confluent.Kafka;
using Jericommerce.Streams.Testing;

namespace Jericommerce.Streams.DevKafka.Tests;

public sealed class ProduceConsumeTests(BrokerFixture broker)
{
    [Fact]
    public async Task ProduceThenConsume_ThroughTwoSeparateClients_DeliversEveryRecordInOrderPerKey()
    {
        var topic = await broker.CreateTopicAsync("produce-consume", partitions: 3);
        using (var producer = Clients.Producer(broker.BootstrapServers))
        {
            for (var i = 0; i < 300; i++)
            {
                producer.Produce(topic, new Message<string, string> { Key = $"customer-{i % 7}", Value = $"event-{i}" });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(20)));
        }

        var config = new ConsumerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            GroupId = BrokerFixture.UniqueName("group"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(topic);
        var seen = new List<Message<string, string>>();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (seen.Count < 300 && !limit.IsCancellationRequested)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result?.Message is { } message)
            {
                seen.Add(message);
            }
        }

        consumer.Close();
        Assert.Equal(300, seen.Count);
        foreach (var perKey in seen.GroupBy(m => m.Key))
        {
            var numbers = perKey.Select(m => int.Parse(m.Value.AsSpan("event-".Length), provider: null)).ToList();
            Assert.Equal(numbers.Order(), numbers);
        }
    }

    [Fact]
    public async Task Headers_AndBinaryValues_SurviveTheRoundTripUnchanged()
    {
        var topic = await broker.CreateTopicAsync("headers");
        var value = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        using (var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build())
        {
            await producer.ProduceAsync(topic, new Message<byte[]?, byte[]>
            {
                Key = null,
                Value = value,
                Headers = [new Header("x-type", Encoding.UTF8.GetBytes("Wallet click"))],
            }, TestContext.Current.CancellationToken);
        }

        var records = await TopicReader.ReadAsync(broker.BootstrapServers, topic, expected: 1, cancellationToken: TestContext.Current.CancellationToken);
        var record = Assert.Single(records);
        Assert.Equal(value, record.Message.Value);
        Assert.Null(record.Message.Key);
        Assert.Equal("Wallet click", Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes("x-type")));
    }
}
