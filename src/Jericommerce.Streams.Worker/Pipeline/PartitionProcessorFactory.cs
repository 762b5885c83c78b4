using Confluent.Kafka;
using Jericommerce.Streams.Worker.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace Jericommerce.Streams.Worker.Pipeline;

/// <summary>Makes the processor of a newly assigned partition, with the services every processor shares.</summary>
internal sealed class PartitionProcessorFactory(
    IOptions<WorkerOptions> options,
    EventRouter router,
    OutputProducer output,
    ResiliencePipelineProvider<string> pipelines,
    DedupRebuilder rebuilder,
    WorkerMetrics metrics,
    TimeProvider time,
    ILogger<PartitionProcessor> logger)
{
    private readonly ResiliencePipeline _retry = pipelines.GetPipeline(ProduceResilience.PipelineKey);

    /// <param name="partition">The raw partition it processes.</param>
    /// <param name="budget">The budget its buffered records are counted against, given back as it takes them.</param>
    public PartitionProcessor Create(TopicPartition partition, BufferBudget budget) =>
        new(partition, options.Value, router, output, _retry, rebuilder, budget, metrics, time, logger);
}
