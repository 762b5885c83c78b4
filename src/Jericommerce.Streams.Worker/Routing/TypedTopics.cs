using System.Collections.Concurrent;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Observability.Hosting;
using Microsoft.Extensions.Logging;

namespace Jericommerce.Streams.Worker.Routing;

/// <summary>
/// Makes sure the topic of a type outside the catalog exists before anything is written to it: a produce to a missing
/// topic on a cluster that does not create topics by itself is retried forever, and would stall its partition. A topic
/// that cannot be made is reported as such, the event is dead-lettered as <c>typed-topic-missing</c> (nothing lost,
/// replayable once it exists), and it is looked up again after <see cref="WorkerOptions.NewTopicRecheckInterval"/>.
/// </summary>
internal sealed partial class TypedTopics
{
    private readonly ConcurrentDictionary<string, (bool Ready, long CheckedAt, string? Why)> _known = new(StringComparer.Ordinal);
    private readonly Lock _checking = new();
    private readonly KafkaOptions _kafka;
    private readonly WorkerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public TypedTopics(KafkaOptions kafka, WorkerOptions options, TimeProvider time, ILogger logger)
    {
        _kafka = kafka;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Whether <paramref name="topic"/> exists (creating it if allowed); else why not. Blocks for a lookup at most once per recheck interval.</summary>
    public bool IsReady(string topic, out string? why)
    {
        if (_known.TryGetValue(topic, out var known) && (known.Ready || _time.GetElapsedTime(known.CheckedAt) < _options.NewTopicRecheckInterval))
        {
            why = known.Why;
            return known.Ready;
        }

        lock (_checking)
        {
            if (_known.TryGetValue(topic, out known) && (known.Ready || _time.GetElapsedTime(known.CheckedAt) < _options.NewTopicRecheckInterval))
            {
                why = known.Why;
                return known.Ready;
            }

            var ready = Ensure(topic, out why);
            _known[topic] = (ready, _time.GetTimestamp(), why);
            if (!ready)
            {
                LogMissing(_logger, topic, why!);
            }

            return ready;
        }
    }

    private bool Ensure(string topic, out string? why)
    {
        why = null;
        try
        {
            // A client per lookup: a long-lived one answered from its metadata cache and missed a topic created since.
            using var admin = new AdminClientBuilder(_kafka.Apply(new AdminClientConfig { ClientId = "jcs-worker-topics", AllowAutoCreateTopics = false }))
                .SetLogHandler(static (_, _) => { })
                .Build();
            if (Exists(admin, topic))
            {
                return true;
            }

            var creation = SettingEnumConverter<NewTopicCreation>.Text(_options.NewTopicCreation);
            switch (_options.NewTopicCreation)
            {
                case NewTopicCreation.Admin:
                    Create(admin, topic);
                    break;
                case NewTopicCreation.Broker:
                    AskBroker(topic);
                    break;
                default:
                    why = $"topic {topic} does not exist and Worker:NewTopicCreation is '{creation}': create it, then replay these dead letters (jcs dlq replay --kind typed-topic-missing)";
                    return false;
            }

            if (Exists(admin, topic))
            {
                LogCreated(_logger, topic, creation);
                return true;
            }

            why = $"topic {topic} does not exist and the broker did not create it (Worker:NewTopicCreation is '{creation}'): create it, then replay these dead letters (jcs dlq replay --kind typed-topic-missing)";
            return false;
        }
        catch (KafkaException ex)
        {
            why = $"topic {topic} could not be made ready ({ex.Error.Code}: {ex.Error.Reason}); create it, then replay these dead letters (jcs dlq replay --kind typed-topic-missing)";
            return false;
        }
    }

    // A metadata request for all topics: naming the topic could have the broker create it.
    private static bool Exists(IAdminClient admin, string topic) =>
        admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Any(t => t.Topic == topic && !t.Error.IsError && t.Partitions.Count > 0);

    private void Create(IAdminClient admin, string topic)
    {
        var spec = new TopicSpecification
        {
            Name = topic,
            NumPartitions = _options.NewTopicPartitions,
            ReplicationFactor = _options.NewTopicReplicationFactor,
            Configs = new Dictionary<string, string>(_options.NewTopicConfigs, StringComparer.Ordinal),
        };
        try
        {
            admin.CreateTopicsAsync([spec], new CreateTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(10), OperationTimeout = TimeSpan.FromSeconds(10) })
                .GetAwaiter().GetResult();
        }
        catch (CreateTopicsException ex) when (ex.Results.All(r => r.Error.Code == ErrorCode.TopicAlreadyExists))
        {
            // Another worker made it first.
        }
        catch (CreateTopicsException ex)
        {
            var error = ex.Results.First(r => r.Error.IsError).Error;
            throw new KafkaException(error);
        }
    }

    private void AskBroker(string topic)
    {
        using var asking = new AdminClientBuilder(_kafka.Apply(new AdminClientConfig { ClientId = "jcs-worker-topics", AllowAutoCreateTopics = true }))
            .SetLogHandler(static (_, _) => { })
            .Build();
        asking.GetMetadata(topic, TimeSpan.FromSeconds(10));
    }

    [LoggerMessage(EventId = 610, Level = LogLevel.Warning, Message = "Created typed topic {Topic} for a type outside the catalog (Worker:NewTopicCreation={Creation})")]
    private static partial void LogCreated(ILogger logger, string topic, string creation);

    [LoggerMessage(EventId = 611, Level = LogLevel.Error, Message = "Typed topic {Topic} is missing: {Why}")]
    private static partial void LogMissing(ILogger logger, string topic, string why);
}
