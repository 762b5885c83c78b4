using Microsoft.AspNetCore.Builder;
using System.Text.Json.Nodes;
using Jericommerce.Streams.Deploy.Tests.Support;
using Jericommerce.Streams.Ingress;
using Jericommerce.Streams.Ingress.Options;
using Jericommerce.Streams.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Deploy.Tests;

/// <summary>
/// deploy/kubernetes, rendered with kubectl kustomize (no cluster) and checked: every object against the Kubernetes,
/// KEDA and Prometheus Operator schemas (validator/validate.mjs), every environment variable against the options
/// types, the PrometheusRule against alerts.yml, the resources against the benchmark results, the worker's scaling
/// against the topic topology. Each check also runs on a copy broken on purpose, to show it fails.
/// </summary>
public sealed class KubernetesManifestTests
{
    public static TheoryData<string> Overlays => Manifests.Overlays;

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_RendersWithKubectl_AndEveryObjectValidatesAgainstItsSchema(string overlay)
    {
        var manifests = Manifests.Of(overlay);

        None(manifests.SchemaErrors);
        var objects = manifests.All.Select(Manifests.Describe).ToHashSet(StringComparer.Ordinal);
        string[] expected =
        [
            "Deployment/jcs-ingress", "Service/jcs-ingress", "HorizontalPodAutoscaler/jcs-ingress", "PodDisruptionBudget/jcs-ingress",
            "Deployment/jcs-worker", "ScaledObject/jcs-worker", "PodDisruptionBudget/jcs-worker", "Job/jcs-topics",
        ];
        if (overlay == "production")
        {
            expected = [.. expected, "ServiceMonitor/jcs-ingress", "PodMonitor/jcs-worker", "PrometheusRule/jericommerce-streams", "ConfigMap/jcs-grafana-dashboard", "TriggerAuthentication/jcs-kafka"];
        }

        Assert.All(expected, name => Assert.Contains(name, objects));

        // Nothing secret in the repository: Secrets are created by the operator of the cluster, never rendered from here.
        Assert.DoesNotContain(manifests.All, o => Manifests.Kind(o) == "Secret");
    }

    [Fact]
    public void Validator_WhenAFieldIsMisspeltOrHasTheWrongType_FailsNamingIt()
    {
        using var copy = new DeployCopy();
        copy.Replace("base/ingress.yaml", "          readinessProbe:", "          readinesProbe:");
        copy.Replace("base/worker.yaml", "  maxReplicaCount: 8", "  maxReplicaCount: eight");
        copy.Replace("components/prometheus-operator/pod-monitor.yaml", "  podMetricsEndpoints:", "  podMetricEndpoints:");

        var errors = Manifests.Render(copy.PathOf("overlays/production"), "broken").SchemaErrors;

        Assert.Contains("Deployment/jcs-ingress: /spec/template/spec/containers/0/readinesProbe is not a field of apps/v1 Deployment", errors);
        Assert.Contains(errors, e => e.StartsWith("ScaledObject/jcs-worker: /spec/maxReplicaCount must be integer", StringComparison.Ordinal));
        Assert.Contains("PodMonitor/jcs-worker: /spec/podMetricEndpoints is not a field of monitoring.coreos.com/v1 PodMonitor", errors);
        Assert.Equal(3, errors.Count);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Manifests_SetOnlyEnvironmentVariablesTheServicesBind(string overlay) =>
        None(ManifestChecks.UnboundEnvironmentVariables(Manifests.Of(overlay)));

    [Fact]
    public void Manifests_WhenAnEnvVarIsNotAnOption_FailsNamingIt()
    {
        var manifests = Manifests.Of("production").Copy();
        manifests.Container("jcs-worker").Container["env"]!.AsArray().Add(new JsonObject { ["name"] = "Worker__DrainTimout", ["value"] = "00:00:20" });
        manifests.ConfigMap("jcs-ingress")["data"]!["Worker__GroupId"] = "a-worker-setting-on-the-ingress";

        var problems = ManifestChecks.UnboundEnvironmentVariables(manifests);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Deployment/jcs-worker container worker sets Worker__DrainTimout, which jcs-worker does not bind: Worker__DrainTimout: WorkerOptions has no setting 'DrainTimout'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Deployment/jcs-ingress container ingress sets Worker__GroupId, which jcs-ingress does not bind: Worker__GroupId: ingress binds no section 'Worker'", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_FollowTheOptionsTypes_AsTheConfigurationBinderDoes()
    {
        Assert.Null(Settings.WhyNotBound("ingress", "Ingress__Limits__KeepAliveTimeout"));
        Assert.Null(Settings.WhyNotBound("ingress", "ingress__secrets__primary"));
        Assert.Null(Settings.WhyNotBound("worker", "Kafka__Client__sasl.password"));
        Assert.Null(Settings.WhyNotBound("worker", "SchemaRegistry__BasicAuthUserInfo"));
        Assert.Null(Settings.WhyNotBound("jcs", "Kafka__BootstrapServers"));
        Assert.Null(Settings.WhyNotBound("worker", "Logging__LogLevel__Jericommerce.Streams.Worker"));
        Assert.NotNull(Settings.WhyNotBound("ingress", "Ingress__Limits"));
        Assert.NotNull(Settings.WhyNotBound("ingress", "Ingress__RawTopic__Name"));
        Assert.NotNull(Settings.WhyNotBound("jcs", "Worker__GroupId"));
        Assert.NotNull(Settings.WhyNotBound("worker", "KAFKA_BOOTSTRAP_SERVERS"));
        Assert.Equal("worker", Settings.ProgramOf("registry.example.com:5000/jericommerce-streams/worker:1.0.0"));
    }

    [Fact]
    public void PrometheusRule_IsAlertsYml_RuleForRule()
    {
        var rule = Manifests.Of("production").Single("PrometheusRule", "jericommerce-streams");

        None(ManifestChecks.AlertRuleDifferences(rule["spec"]!["groups"]!, AlertsYmlGroups()));
    }

    [Fact]
    public void PrometheusRule_WhenAnAlertDiffersFromAlertsYml_FailsNamingIt()
    {
        var groups = Manifests.Of("production").Copy().Single("PrometheusRule", "jericommerce-streams")["spec"]!["groups"]!;
        var rules = groups[0]!["rules"]!.AsArray();
        rules.Single(r => r!["alert"]!.GetValue<string>() == "JcsDataLate")!["expr"] = "max by (topic) (jcs_worker_oldest_unprocessed_age_seconds) > 600";
        rules.Remove(rules.Single(r => r!["alert"]!.GetValue<string>() == "JcsCircuitOpen"));

        var problems = ManifestChecks.AlertRuleDifferences(groups, AlertsYmlGroups());

        Assert.Equal(2, problems.Count);
        Assert.Contains("alert jericommerce-streams/JcsCircuitOpen is in alerts.yml but not in the PrometheusRule", problems);
        Assert.Contains(problems, p => p.StartsWith("alert jericommerce-streams/JcsDataLate differs", StringComparison.Ordinal) && p.Contains("> 600", StringComparison.Ordinal));
    }

    [Fact]
    public void GrafanaDashboard_ConfigMapIsTheObservabilityDashboard()
    {
        var source = File.ReadAllText(Repository.PathOf("src/Jericommerce.Streams.Observability/grafana/dashboards/jericommerce-streams.json"));
        var dashboard = Manifests.Of("production").Single("ConfigMap", "jcs-grafana-dashboard");

        Assert.True(
            source == dashboard["data"]!["jericommerce-streams.json"]!.GetValue<string>(),
            "deploy/kubernetes/components/prometheus-operator/jericommerce-streams.json differs from the dashboard in src/Jericommerce.Streams.Observability/grafana: run make k8s-sync");
        Assert.Equal("1", dashboard["metadata"]!["labels"]!["grafana_dashboard"]!.GetValue<string>());
    }

    [Fact]
    public void Monitors_ScrapeTheMetricsPortOfBothServices()
    {
        var manifests = Manifests.Of("production");
        var service = manifests.Single("Service", "jcs-ingress");
        var serviceMonitor = manifests.Single("ServiceMonitor", "jcs-ingress")["spec"]!;
        var podMonitor = manifests.Single("PodMonitor", "jcs-worker")["spec"]!;

        Assert.True(JsonNode.DeepEquals(service["spec"]!["selector"], serviceMonitor["selector"]!["matchLabels"]));
        Assert.Contains(service["spec"]!["ports"]!.AsArray(), p => p!["name"]!.GetValue<string>() == serviceMonitor["endpoints"]![0]!["port"]!.GetValue<string>());
        var worker = manifests.Single("Deployment", "jcs-worker")["spec"]!["template"]!;
        Assert.True(JsonNode.DeepEquals(worker["metadata"]!["labels"]!["app.kubernetes.io/name"], podMonitor["selector"]!["matchLabels"]!["app.kubernetes.io/name"]));
        Assert.Contains(manifests.Container("jcs-worker").Container["ports"]!.AsArray(), p => p!["name"]!.GetValue<string>() == podMonitor["podMetricsEndpoints"]![0]!["port"]!.GetValue<string>());
        Assert.Equal("/metrics", serviceMonitor["endpoints"]![0]!["path"]!.GetValue<string>());
        Assert.Equal("/metrics", podMonitor["podMetricsEndpoints"]![0]!["path"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Resources_AreNotBelowThePeakRssAndCpuTheLatestBenchmarkRecorded(string overlay)
    {
        var peaks = BenchmarkPeaks.Read();

        Assert.Equal(["ingress", "worker"], peaks.Keys.Order(StringComparer.Ordinal));
        None(ManifestChecks.ResourcesBelowMeasured(Manifests.Of(overlay), peaks));
    }

    [Fact]
    public void Resources_WhenAMemoryLimitIsBelowThePeakRss_FailsNamingIt()
    {
        var manifests = Manifests.Of("production").Copy();
        manifests.Container("jcs-worker").Container["resources"]!["limits"]!["memory"] = "128Mi";

        var problems = ManifestChecks.ResourcesBelowMeasured(manifests, BenchmarkPeaks.Read());

        var problem = Assert.Single(problems);
        Assert.StartsWith("Deployment/jcs-worker container worker: memory limits 128Mi is below the peak RSS of ", problem, StringComparison.Ordinal);
        Assert.Contains("tests/Jericommerce.Streams.Benchmarks/results/latest", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchmarkPeaks_TakeTheHighestFigureOfEachService_AcrossRowsAndFiles()
    {
        const string Full = """
            | Ingress | saturation | 20,093/s (256 conn.) | 30,290/s | 66% | x | yes | gen 0.47 · broker 0.13 · svc 1.28 (ceiling: gen 0.68 · broker 0.00 · svc 1.96) |
            | Memory | ingress peak RSS (VmHWM of the process, through all its runs above) | 123 MB | 115 MB |  | ≤ 150 MB | yes |  |
            | Worker | events per second | 61,679/s | 103,910/s | 59% | x | yes | gen 0.03 · broker 0.31 · svc 1.36 (ceiling: gen 0.03 · broker 0.28 · svc 1.33) |
            | Memory | worker peak RSS (VmHWM) while consuming the backlogs flat out | 233 MB | 106 MB |  | ≤ 200 MB | **no** |  |
            """;
        const string Quick = """
            | Memory | peak RSS (VmHWM) during the end-to-end run: ingress / worker | 131 MB / 149 MB |  |  |  |  |  |
            | Worker | events per second | 51,000/s | 90,000/s | 57% | x | yes | gen 0.03 · broker 0.31 · svc 1.20 |
            """;

        var peaks = BenchmarkPeaks.Read([("full.md", Full), ("quick.md", Quick)]);

        Assert.Equal(131L * 1024 * 1024, peaks["ingress"].RssBytes);
        Assert.Contains("quick.md", peaks["ingress"].RssSource, StringComparison.Ordinal);
        Assert.Equal(233L * 1024 * 1024, peaks["worker"].RssBytes);
        Assert.Equal(1.28, peaks["ingress"].Cores);
        Assert.Equal(1.36, peaks["worker"].Cores);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void ScaledObject_ReadsTheRawTopicsGroupLag_AndStopsAtItsPartitionCount(string overlay) =>
        None(ManifestChecks.ScalingAgainstTopology(Manifests.Of(overlay)));

    [Fact]
    public void ScaledObject_WhenItMayScalePastThePartitionsOrReadsAnotherTopic_FailsNamingIt()
    {
        var manifests = Manifests.Of("production").Copy();
        var scaledObject = manifests.Single("ScaledObject", "jcs-worker")["spec"]!;
        scaledObject["maxReplicaCount"] = 9;
        scaledObject["triggers"]![0]!["metadata"]!["topic"] = "jericommerce.typo";

        var problems = ManifestChecks.ScalingAgainstTopology(manifests);

        Assert.Equal(2, problems.Count);
        Assert.Contains("ScaledObject/jcs-worker: trigger topic is 'jericommerce.typo', the manifests say 'jericommerce.raw'", problems);
        Assert.Contains(problems, p => p.StartsWith("ScaledObject/jcs-worker: maxReplicaCount 9 is above the raw topic's 8 partitions", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Pods_RunAsNonRoot_OnAReadOnlyFilesystem_WithoutCapabilities_AndSpreadAcrossZones(string overlay)
    {
        var manifests = Manifests.Of(overlay);

        None(ManifestChecks.InsecurePods(manifests));
        foreach (var name in (string[])["jcs-ingress", "jcs-worker"])
        {
            var spread = manifests.Container(name).PodSpec["topologySpreadConstraints"]!.AsArray();
            Assert.Contains(spread, c => c!["topologyKey"]!.GetValue<string>() == "topology.kubernetes.io/zone");
        }
    }

    [Fact]
    public void Pods_WhenOneRunsWithAWritableRootFilesystem_FailsNamingIt()
    {
        var manifests = Manifests.Of("dev").Copy();
        manifests.Container("jcs-topics").Container["securityContext"]!["readOnlyRootFilesystem"] = false;

        Assert.Equal(["Job/jcs-topics container jcs: the root filesystem is writable"], ManifestChecks.InsecurePods(manifests));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Ingress_ProbesItsHealthEndpoints_AndLeavesTheServiceBeforeItDrainsWithinTheGracePeriod(string overlay)
    {
        var (pod, container) = Manifests.Of(overlay).Container("jcs-ingress");
        Assert.Equal(IngressEndpointExtensions.LivenessPath, container["startupProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal(IngressEndpointExtensions.LivenessPath, container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal(IngressEndpointExtensions.ReadinessPath, container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());

        // SIGTERM comes after the preStop sleep, during which the pod leaves the Service's endpoints. Then the host
        // stops: requests in flight wait at most the ack timeout, the producer flush at most the ack timeout + 2 s
        // (IngressLifetime), all within the host's shutdown timeout, which must end before the kubelet's SIGKILL.
        var preStop = TimeSpan.FromSeconds(container["lifecycle"]!["preStop"]!["sleep"]!["seconds"]!.GetValue<int>());
        Assert.True(preStop >= TimeSpan.FromSeconds(5), "the preStop sleep must outlast the endpoints' propagation to the load balancers (a few seconds)");
        var shutdown = ShutdownTimeout(WebApplication.CreateBuilder([]).AddIngress());
        var ackTimeout = new IngressOptions().AckTimeout;
        Assert.True(ackTimeout + ackTimeout + TimeSpan.FromSeconds(2) <= shutdown, "in-flight requests and the producer flush must fit the host's shutdown timeout");
        var grace = TimeSpan.FromSeconds(pod["terminationGracePeriodSeconds"]!.GetValue<int>());
        Assert.True(preStop + shutdown < grace, $"terminationGracePeriodSeconds {grace.TotalSeconds} must be more than the preStop sleep {preStop.TotalSeconds} s + the host's shutdown timeout {shutdown.TotalSeconds} s");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Worker_ProbesItsHealthEndpoints_AndMayFinishItsDrainAndCommitBeforeTheKubeletKillsIt(string overlay)
    {
        var (pod, container) = Manifests.Of(overlay).Container("jcs-worker");
        Assert.Equal("/livez", container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/readyz", container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());

        // The worker drains (Worker:DrainTimeout), commits and leaves its group within its host's shutdown timeout.
        var shutdown = ShutdownTimeout(WebApplication.CreateSlimBuilder([]).AddWorker());
        Assert.True(new WorkerOptions().DrainTimeout < shutdown);
        var grace = TimeSpan.FromSeconds(pod["terminationGracePeriodSeconds"]!.GetValue<int>());
        Assert.True(shutdown < grace, $"terminationGracePeriodSeconds {grace.TotalSeconds} must be more than the worker's shutdown timeout {shutdown.TotalSeconds} s");
    }

    /// <summary>Fails with every problem, one a line.</summary>
    private static void None(IReadOnlyCollection<string> problems) =>
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s):\n" + string.Join("\n", problems));

    private static JsonNode AlertsYmlGroups() =>
        Tools.YamlFileAsJson(Repository.PathOf("src/Jericommerce.Streams.Observability/alerts.yml"))["groups"]!;

    private static TimeSpan ShutdownTimeout(IHostApplicationBuilder builder)
    {
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
    }
}
