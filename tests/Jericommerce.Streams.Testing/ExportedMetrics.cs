namespace Jericommerce.Streams.Testing;

/// <summary>
/// The metric families each service exports on /metrics, as the README lists them. The services'
/// tests check that scrapes show them; the dashboard and alert rules may query only these.
/// </summary>
public static class ExportedMetrics
{
    /// <summary>Both services' producers report these librdkafka statistics.</summary>
    public static readonly IReadOnlyList<string> KafkaClient =
    [
        "jcs_kafka_producer_queue_messages",
        "jcs_kafka_producer_queue_bytes",
        "jcs_kafka_broker_rtt_seconds",
    ];

    /// <summary>Both services export .NET's runtime metrics (the <c>System.Runtime</c> meter); the soak reads these.</summary>
    public static readonly IReadOnlyList<string> Runtime =
    [
        "dotnet_gc_collections_total",
        "dotnet_gc_last_collection_heap_size_bytes",
        "dotnet_gc_pause_time_seconds_total",
        "dotnet_process_memory_working_set_bytes",
        "dotnet_process_cpu_time_seconds_total",
    ];

    public static readonly IReadOnlyList<string> Worker =
    [
        "jcs_worker_records_consumed_total",
        "jcs_worker_records_routed_total",
        "jcs_worker_records_dead_lettered_total",
        "jcs_worker_records_deduplicated_total",
        "jcs_worker_produce_retries_total",
        "jcs_worker_record_processing_duration_seconds",
        "jcs_worker_end_to_end_latency_seconds",
        "jcs_worker_circuit_open",
        "kafka_consumergroup_lag",
        "kafka_consumergroup_lag_sum",
        "jcs_worker_oldest_unprocessed_age_seconds",
        "jcs_worker_partitions_assigned",
        "jcs_worker_envelope_types",
        .. KafkaClient,
        .. Runtime,
    ];

    public static readonly IReadOnlyList<string> Ingress =
    [
        "jcs_ingress_requests_total",
        "jcs_ingress_signature_failures_total",
        "jcs_ingress_body_size_bytes",
        "jcs_ingress_request_duration_seconds",
        "jcs_ingress_kafka_ack_duration_seconds",
        "jcs_ingress_kafka_late_deliveries_total",
        "jcs_ingress_kafka_in_flight",
        .. KafkaClient,
        .. Runtime,
    ];
}
