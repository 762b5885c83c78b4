using System.CommandLine;
using System.Net;
using Jericommerce.Streams.DevKafka;

namespace Jericommerce.Streams.DevBroker;

/// <summary>
/// The dev broker as a process of its own, so that services, tools and a second shell share it
/// exactly as they would a local Kafka.
/// </summary>
internal static class DevBrokerCommand
{
    public static RootCommand Create()
    {
        var address = new Option<string>("--address")
        {
            Description = "host:port that broker 1 listens on (broker N on port + N - 1); port 0 picks free ports",
            DefaultValueFactory = _ => DevKafkaOptions.DefaultAddress.ToString(),
        };
        var brokers = new Option<int>("--brokers")
        {
            Description = "number of brokers",
            DefaultValueFactory = _ => 1,
        };
        var topics = new Option<string[]>("--topic")
        {
            Description = "topic to create, as name or name:partitions (repeatable)",
            AllowMultipleArgumentsPerToken = true,
        };

        var withoutKip848 = new Option<bool>("--without-kip848")
        {
            Description = "behave like a broker older than Kafka 4.0: no KIP-848 consumer group protocol (only classic groups)",
        };

        var command = new RootCommand("Runs librdkafka's mock Kafka cluster as a local dev broker until Ctrl-C.")
        {
            address, brokers, topics, withoutKip848,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!IPEndPoint.TryParse(result.GetValue(address)!, out var endpoint))
            {
                await Console.Error.WriteLineAsync($"error: --address '{result.GetValue(address)}' is not host:port (e.g. 127.0.0.1:9092)");
                return 2;
            }

            List<TopicSpec> specs;
            try
            {
                specs = [.. (result.GetValue(topics) ?? []).Select(TopicSpec.Parse)];
            }
            catch (FormatException ex)
            {
                await Console.Error.WriteLineAsync($"error: --topic: {ex.Message}");
                return 2;
            }

            DevKafkaCluster cluster;
            try
            {
                cluster = DevKafkaCluster.Start(new DevKafkaOptions
                {
                    Address = endpoint,
                    BrokerCount = result.GetValue(brokers),
                    Topics = specs,
                    WithoutKip848 = result.GetValue(withoutKip848),
                });
            }
            catch (DevKafkaException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }

            await using (cluster)
            {
                Console.WriteLine($"dev Kafka broker ready: bootstrap.servers={cluster.BootstrapServers}");
                foreach (var spec in specs)
                {
                    Console.WriteLine($"  topic {spec.Name} ({spec.Partitions} partition{(spec.Partitions == 1 ? "" : "s")})");
                }

                Console.WriteLine("  not a real Kafka: keeps ~5 MiB per partition, no persistence. Ctrl-C stops it.");
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Console.WriteLine("dev Kafka broker stopping");
                }
            }

            return 0;
        });
        return command;
    }
}
