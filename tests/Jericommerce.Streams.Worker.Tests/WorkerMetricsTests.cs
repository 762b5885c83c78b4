using Jericommerce.Streams.Worker.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>GET /metrics on the worker's own listener, after known traffic: every record counted once, in the right series.</summary>
public sealed class WorkerMetricsTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Worker settings that make the lag and librdkafka statistics refresh quickly.</summary>
    internal static Dictionary<string, string?> FastSettings(PipelineTopics topics, string bootstrapServers)
    {
        var settings = topics.Settings(bootstrapServers);
        settings["Worker:LagSampleInterval"] = "00:00:00.200";
        settings["Kafka:Client:statistics.interval.ms"] = "1000";
        settings["Kafka:Client:reconnect.backoff.max.ms"] = "500";
        return settings;
    }

    [Fact]
    public async Task AfterKnownTraffic_CountersShowEachRecordOnce_ByTypeAndKind_UnderTheDocumentedNames()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        using (var raw = new RawRecords(broker.BootstrapServers, topics.Raw))
        {
            for (var i = 0; i < 3; i++)
            {
                await raw.SendAsync(RawRecords.Example("customer-scanned.valid.json", $"scan-{i}"), "Customer scanned", cancellationToken: Cancel);
            }

            for (var i = 0; i < 2; i++)
            {
                await raw.SendAsync(RawRecords.Example("wallet-click.valid.json", $"click-{i}"), "Wallet click", cancellationToken: Cancel);
            }

            await raw.SendAsync(RawRecords.Example("customer-scanned.valid.json", "scan-0"), "Customer scanned", cancellationToken: Cancel);
            await raw.SendAsync(RawRecords.Example("customer-scanned.invalid.missing-shopId.json", "scan-bad"), "Customer scanned", cancellationToken: Cancel);
            await raw.SendAsync(RawRecords.Example("wallet-click.valid.json", "tele-0"), "Customer teleported", cancellationToken: Cancel);
            await raw.SendAsync(RawRecords.Example("wallet-click.valid.json", "none-0"), eventType: null, cancellationToken: Cancel);
            await raw.SendAsync("{\"id\": \"trunc"u8.ToArray(), "Wallet click", cancellationToken: Cancel);
        }

        await using var worker = await InProcessWorker.StartAsync(FastSettings(topics, broker.BootstrapServers));
        using var client = worker.CreateClient();
        await Landed.WaitForAsync(broker.BootstrapServers, topics, 8, cancellationToken: Cancel);
        await TopicWait.ReadWhenItHoldsAsync(broker.BootstrapServers, topics.EnvelopeTopic("customer-teleported"), 1, Cancel);
        var group = ("consumergroup", topics.GroupId);
        var scrape = await MetricsScrape.WaitForAsync(
            client,
            s => s.Sum("jcs_worker_records_consumed_total") >= 10 && s.ValueOrNull("kafka_consumergroup_lag_sum", group, ("topic", topics.Raw)) == 0,
            TimeSpan.FromSeconds(30),
            "all 10 records consumed and committed",
            Cancel);

        // Every documented family shows (retries need a fault: LagMetricsTests; statistics need a report: below).
        Assert.Empty(ExportedMetrics.Worker.Except(ExportedMetrics.KafkaClient).Except(["jcs_worker_produce_retries_total"]).Except(scrape.Families));
        Assert.Equal(10, scrape.Value("jcs_worker_records_consumed_total"));
        Assert.Equal(3, scrape.Value("jcs_worker_records_routed_total", ("type", "customer-scanned"), ("contract", "full")));
        Assert.Equal(2, scrape.Value("jcs_worker_records_routed_total", ("type", "wallet-click"), ("contract", "full")));
        Assert.Equal(1, scrape.Value("jcs_worker_records_routed_total", ("type", "customer-teleported"), ("contract", "envelope")));
        Assert.Equal(6, scrape.Sum("jcs_worker_records_routed_total"));
        Assert.Equal(1, scrape.Value("jcs_worker_envelope_types"));
        Assert.Equal(1, scrape.Value("jcs_worker_records_deduplicated_total", ("type", "customer-scanned")));
        Assert.Equal(1, scrape.Value("jcs_worker_records_dead_lettered_total", ("kind", DeadLetterKinds.SchemaViolation)));
        Assert.Equal(1, scrape.Value("jcs_worker_records_dead_lettered_total", ("kind", DeadLetterKinds.MissingEventType)));
        Assert.Equal(1, scrape.Value("jcs_worker_records_dead_lettered_total", ("kind", DeadLetterKinds.InvalidJson)));
        Assert.Equal(3, scrape.Sum("jcs_worker_records_dead_lettered_total"));

        // Every record is timed; only written ones (not the duplicate) have an end-to-end latency.
        Assert.Equal(10, scrape.Value("jcs_worker_record_processing_duration_seconds_count"));
        Assert.Equal(9, scrape.Value("jcs_worker_end_to_end_latency_seconds_count"));
        Assert.Equal(9, scrape.Value("jcs_worker_end_to_end_latency_seconds_bucket", ("le", "+Inf")));
        Assert.Equal("histogram", scrape.TypeOf("jcs_worker_end_to_end_latency_seconds"));
        Assert.Equal("counter", scrape.TypeOf("jcs_worker_records_routed_total"));
        Assert.Equal(0, scrape.Value("jcs_worker_circuit_open"));
        Assert.Equal(4, scrape.Value("jcs_worker_partitions_assigned"));

        // kafka_exporter's names and labels, and one series per owned partition.
        var lags = scrape.Find("kafka_consumergroup_lag", group);
        Assert.Equal(4, lags.Count);
        Assert.All(lags, l => Assert.Equal(["consumergroup", "partition", "topic"], l.Labels.Keys.Order()));
        Assert.All(lags, l => Assert.Equal(0, l.Value));
        Assert.Equal(["consumergroup", "topic"], scrape.Find("kafka_consumergroup_lag_sum").Single().Labels.Keys.Order());
        var ages = scrape.Find("jcs_worker_oldest_unprocessed_age_seconds", ("topic", topics.Raw));
        Assert.Equal(4, ages.Count);
        Assert.All(ages, a => Assert.Equal(0, a.Value));
    }

    [Fact]
    public async Task WithAnOtlpEndpointSet_TheWorkerStarts_AndStillServesMetrics()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        var settings = FastSettings(topics, broker.BootstrapServers);

        // Nothing listens there: export fails quietly in the background, routing and scraping go on.
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:1";
        await using var worker = await InProcessWorker.StartAsync(settings);
        using var client = worker.CreateClient();

        var scrape = await MetricsScrape.WaitForAsync(
            client, s => s.ValueOrNull("jcs_worker_partitions_assigned") == 4, TimeSpan.FromSeconds(30), "4 partitions assigned", Cancel);
        Assert.Equal(0, scrape.Value("jcs_worker_circuit_open"));

        // OTLP export covers logs too: OpenTelemetry's logger provider is there only with an endpoint.
        Assert.Contains(worker.Services.GetServices<Microsoft.Extensions.Logging.ILoggerProvider>(), p => p.GetType().Name == "OpenTelemetryLoggerProvider");
    }

    [Fact]
    public async Task WithoutAnOtlpEndpoint_NothingIsExportedOverOtlp()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        await using var worker = await InProcessWorker.StartAsync(FastSettings(topics, broker.BootstrapServers));

        Assert.DoesNotContain(worker.Services.GetServices<Microsoft.Extensions.Logging.ILoggerProvider>(), p => p.GetType().Name == "OpenTelemetryLoggerProvider");
    }

    [Fact]
    public async Task TheProducersLibrdkafkaStatistics_AreExported_AsQueueDepthAndBrokerRoundTrip()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker);
        await using var worker = await InProcessWorker.StartAsync(FastSettings(topics, broker.BootstrapServers));
        using var client = worker.CreateClient();

        // The lag sampler's requests share the producer's connections, so its brokers always have an RTT.
        var scrape = await MetricsScrape.WaitForAsync(
            client,
            s => s.Find("jcs_kafka_broker_rtt_seconds").Count > 0 && s.Find("jcs_kafka_producer_queue_messages").Count == 1,
            TimeSpan.FromSeconds(30),
            "librdkafka statistics exported",
            Cancel);

        Assert.All(scrape.Find("jcs_kafka_broker_rtt_seconds"), s => Assert.True(s.Labels.ContainsKey("broker_id") && s.Value >= 0 && s.Value < 10, $"{s}"));
        Assert.InRange(scrape.Value("jcs_kafka_producer_queue_messages"), 0, 100_000);
        Assert.InRange(scrape.Value("jcs_kafka_producer_queue_bytes"), 0, 1L << 30);
        Assert.Equal("gauge", scrape.TypeOf("jcs_kafka_broker_rtt_seconds"));
    }
}
