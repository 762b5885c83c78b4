using Jericommerce.Streams.DevKafka;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.LoadTests.Kafka;

/// <summary>
/// The topics of one benchmark run, all created on the broker at start. Raw topics get 32 partitions: the dev
/// broker keeps only ~5 MiB per partition, and a backlog must fit (see the pre-fill sizes).
/// </summary>
internal static class BenchTopics
{
    public const int RawPartitions = 32;
    public const int TypedPartitions = 8;
    public const int DeadLetterPartitions = 4;

    /// <summary>What the ingress phases write (nobody reads it).</summary>
    public const string IngressRaw = "bench.ingress.raw";

    /// <summary>The worker phases' pre-filled backlog.</summary>
    public const string WorkerRaw = "bench.worker.raw";

    /// <summary>Where the worker ceiling copies the backlog to.</summary>
    public const string WorkerCopy = "bench.worker.copy";

    /// <summary>Typed-topic prefix of the worker phases (<c>bench.w.&lt;slug&gt;.v1</c>).</summary>
    public const string WorkerPrefix = "bench.w";

    public const string EndToEndRaw = "bench.e2e.raw";

    public const string EndToEndPrefix = "bench.e2e";

    public static string DeadLetter(string prefix) => $"{prefix}.dlq";

    /// <summary>The typed topics under <paramref name="prefix"/>, as the worker names them.</summary>
    public static IReadOnlyList<string> Typed(string prefix) =>
        [.. SchemaCatalog.Load(SchemaDirectory.Default, prefix).EventTypes.Select(t => t.Topic)];

    public static IReadOnlyList<TopicSpec> All()
    {
        var topics = new List<TopicSpec>
        {
            new(IngressRaw, RawPartitions),
            new(WorkerRaw, RawPartitions),
            new(WorkerCopy, RawPartitions),
            new(EndToEndRaw, RawPartitions),
            new(DeadLetter(WorkerPrefix), DeadLetterPartitions),
            new(DeadLetter(EndToEndPrefix), DeadLetterPartitions),
        };
        topics.AddRange(Typed(WorkerPrefix).Select(t => new TopicSpec(t, TypedPartitions)));
        topics.AddRange(Typed(EndToEndPrefix).Select(t => new TopicSpec(t, TypedPartitions)));
        return topics;
    }
}
