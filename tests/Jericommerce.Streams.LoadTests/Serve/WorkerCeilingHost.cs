using Confluent.Kafka;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Worker;
using Jericommerce.Streams.Worker.Group;
using Jericommerce.Streams.Worker.Consuming;
using Jericommerce.Streams.Worker.Pipeline;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.LoadTests.Serve;

/// <summary>
/// <c>serve worker-ceiling &lt;output topic&gt;</c>: the worker ceiling, configured like the worker (environment
/// variables <c>Kafka__*</c>, <c>Worker__*</c>, bound to the worker's own option classes). Consumes the raw topic with
/// the worker's consumer settings and writes every record, unchanged (key,
/// value, headers), to one topic through the worker's own <see cref="OutputProducer"/> (same producer settings:
/// idempotent, acks=all, lz4, linger 5 ms). No type resolution, validation, dedup, header building or per-partition
/// pipeline; offsets are stored once handed to the producer and committed every 200 ms.
/// </summary>
internal static class WorkerCeilingHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var outputTopic = args[0];
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var kafka = configuration.GetSection(KafkaOptions.SectionName).Get<KafkaOptions>() ?? new KafkaOptions();
        var options = configuration.GetSection(WorkerOptions.SectionName).Get<WorkerOptions>() ?? new WorkerOptions();
        var rawTopic = options.RawTopic;
        using var output = new OutputProducer(Options.Create(kafka), Options.Create(options));

        // The worker's own consumer settings, its group protocol chosen as the worker chooses it.
        var protocol = GroupProtocolDecision.Decide(options.GroupProtocol, new BrokerApiProbe(Options.Create(kafka)).Probe(GroupProtocolSelection.ProbeTimeout)).Protocol;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(kafka.Apply(ConsumerConfiguration.Create(options, protocol))).Build();
        consumer.Subscribe(rawTopic);
        Console.WriteLine($"READY {rawTopic} -> {outputTopic}");

        using var stop = new CancellationTokenSource();
        var stdin = StdinWatch.ClosedAsync().ContinueWith(_ => stop.Cancel(), TaskScheduler.Default);
        var nextCommit = DateTime.UtcNow + options.CommitInterval;
        while (!stop.IsCancellationRequested)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(50));
            if (record is { IsPartitionEOF: false })
            {
                var message = new Message<byte[]?, byte[]?>
                {
                    Key = record.Message.Key,
                    Value = record.Message.Value,
                    Headers = record.Message.Headers,
                    Timestamp = record.Message.Timestamp,
                };
                while (output.SendAsync(outputTopic, message) is { IsFaulted: true } refused)
                {
                    // Only a full local queue is expected here: wait for acks to make room.
                    if (refused.Exception!.GetBaseException() is not ProduceException<byte[]?, byte[]?> { Error.Code: ErrorCode.Local_QueueFull })
                    {
                        throw refused.Exception;
                    }

                    Thread.Sleep(1); // Deliberate: back-pressure on a hot path, yielding to the acks; nothing to poll.
                }

                consumer.StoreOffset(record);
            }

            if (DateTime.UtcNow >= nextCommit)
            {
                nextCommit = DateTime.UtcNow + options.CommitInterval;
                try
                {
                    consumer.Commit();
                }
                catch (KafkaException)
                {
                    // Nothing stored yet, or a transient failure: the next round commits.
                }
            }
        }

        consumer.Close();
        await stdin;
        return 0;
    }
}
