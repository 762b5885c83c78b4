using System.Text.Json;
using System.Text.RegularExpressions;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>The Grafana dashboard and the Prometheus alert rules query only metrics the services export.</summary>
public sealed partial class ObservabilityAssetsTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot(), "src", "Jericommerce.Streams.Observability");

    [Fact]
    public void TheDashboard_QueriesOnlyExportedMetrics_AndCoversLagLatencyThroughputAndFailures()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "grafana", "dashboards", "jericommerce-streams.json")));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!))
            .ToList();

        var queried = expressions.SelectMany(MetricsIn).ToHashSet();
        Assert.Empty(queried.Except(Exported()));
        Assert.Superset(new HashSet<string> { "kafka_consumergroup_lag_sum", "jcs_worker_oldest_unprocessed_age_seconds", "jcs_worker_records_routed_total", "jcs_worker_records_dead_lettered_total", "jcs_worker_end_to_end_latency_seconds", "jcs_ingress_signature_failures_total", "jcs_worker_envelope_types" }, queried);
        Assert.Contains(expressions, e => e.Contains("jcs_worker_records_routed_total{contract=\"envelope\"}", StringComparison.Ordinal));
    }

    [Fact]
    public void TheAlertRules_QueryOnlyExportedMetrics_AndCoverLagDeadLettersCircuitLatencyAndSignatures()
    {
        var rules = File.ReadAllText(Path.Combine(Folder, "alerts.yml"));
        var queried = MetricsIn(rules).ToHashSet();

        Assert.Empty(queried.Except(Exported()));
        Assert.Superset(new HashSet<string> { "kafka_consumergroup_lag_sum", "jcs_worker_records_dead_lettered_total", "jcs_worker_circuit_open", "jcs_worker_end_to_end_latency_seconds", "jcs_ingress_signature_failures_total", "jcs_worker_envelope_types" }, queried);
        Assert.Contains("jcs_worker_records_routed_total{contract=\"envelope\"}", rules, StringComparison.Ordinal);
        Assert.Contains("/etc/prometheus/alerts.yml", File.ReadAllText(Path.Combine(Folder, "prometheus.yml")), StringComparison.Ordinal);
    }

    private static HashSet<string> Exported() => [.. ExportedMetrics.Worker, .. ExportedMetrics.Ingress];

    /// <summary>Metric names in PromQL, histogram series folded into their family.</summary>
    private static IEnumerable<string> MetricsIn(string promQl) =>
        MetricName().Matches(promQl).Select(m => m.Value == "kafka_consumergroup_lag_sum" ? m.Value : HistogramSeries().Replace(m.Value, ""));

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Jericommerce.Streams.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root is not above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\b(?:jcs|kafka)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();

    [GeneratedRegex("_(?:bucket|count|sum)$")]
    private static partial Regex HistogramSeries();
}
