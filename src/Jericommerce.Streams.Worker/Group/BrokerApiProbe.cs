using Confluent.Kafka;
using Jericommerce.Streams.Kafka;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker.Group;

/// <summary>
/// Asks the cluster which APIs its brokers offer. librdkafka negotiates ApiVersions on every connection but does not
/// expose the answer, except in its <c>feature</c> debug log: a short-lived admin client with that debug context on
/// collects it while it fetches the cluster's metadata. The connection is librdkafka's own, with the service's
/// security settings, so this works wherever the worker itself can connect.
/// </summary>
internal sealed class BrokerApiProbe(IOptions<KafkaOptions> kafka)
{
    /// <summary>The brokers seen within <paramref name="timeout"/>; empty when no broker answered.</summary>
    public IReadOnlyList<BrokerApis> Probe(TimeSpan timeout)
    {
        var config = kafka.Value.Apply(new AdminClientConfig());
        config.Debug = "feature";
        var lines = new List<string>();
        using var admin = new AdminClientBuilder(config)
            .SetLogHandler((_, message) =>
            {
                lock (lines)
                {
                    lines.Add(message.Message);
                }
            })
            .Build();
        try
        {
            admin.GetMetadata(timeout);
        }
        catch (KafkaException)
        {
            // No broker answered in time: what was seen, if anything, is the answer.
        }

        lock (lines)
        {
            return BrokerApis.FromLibrdkafkaLog(lines);
        }
    }
}
