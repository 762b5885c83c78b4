using System.Reflection;
using Confluent.Kafka.Admin;

namespace Jericommerce.Streams.Worker.Tests.Topology;

/// <summary>
/// An admin client for <c>TopologyGuard</c>'s decisions alone: it lists the topics it holds and records what it is
/// asked to create. The dev broker has no CreateTopics, so the guard's creation path is otherwise reached only on the
/// Testcontainers leg; what crosses Kafka is tested there, not here.
/// </summary>
// Not sealed: DispatchProxy makes the client by deriving from it.
public class RecordingAdminClient : DispatchProxy
{
    private readonly HashSet<string> _topics = new(StringComparer.Ordinal);

    public List<IReadOnlyList<TopicSpecification>> CreateRequests { get; } = [];

    /// <summary>When set, CreateTopics fails with it instead of creating.</summary>
    public Exception? Refusal { get; set; }

    public static (IAdminClient Client, RecordingAdminClient Recorder) Holding(params string[] topics)
    {
        var client = Create<IAdminClient, RecordingAdminClient>();
        var recorder = (RecordingAdminClient)(object)client;
        recorder._topics.UnionWith(topics);
        return (client, recorder);
    }

    public Metadata ListTopics() => new(
        [new BrokerMetadata(1, "127.0.0.1", 9092)],
        [.. _topics.Select(t => new TopicMetadata(t, [new PartitionMetadata(0, 1, [1], [1], new Error(ErrorCode.NoError))], new Error(ErrorCode.NoError)))],
        1,
        "broker");

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        switch (targetMethod?.Name)
        {
            case nameof(IAdminClient.GetMetadata) when args is [TimeSpan]:
                return ListTopics();
            case nameof(IAdminClient.CreateTopicsAsync) when args is [IEnumerable<TopicSpecification> specifications, _]:
                var requested = specifications.ToList();
                CreateRequests.Add(requested);
                if (Refusal is { } refusal)
                {
                    return Task.FromException(refusal);
                }

                _topics.UnionWith(requested.Select(s => s.Name));
                return Task.CompletedTask;
            case nameof(IDisposable.Dispose):
                return null;
            default:
                throw new NotSupportedException($"{targetMethod?.Name} is not used by the topology guard");
        }
    }
}
