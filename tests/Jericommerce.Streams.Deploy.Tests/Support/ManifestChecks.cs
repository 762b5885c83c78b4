using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Jericommerce.Streams.Deploy.Tests.Support;

/// <summary>The checks on rendered manifests, each returning what is wrong (empty when nothing is).</summary>
internal static partial class ManifestChecks
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Every environment variable a container gets (env, and the keys of the ConfigMaps it takes whole) is a setting its program binds.</summary>
    public static List<string> UnboundEnvironmentVariables(Manifests manifests)
    {
        var problems = new List<string>();
        foreach (var (workload, _, container) in manifests.Containers())
        {
            var where = $"{Manifests.Describe(workload)} container {container["name"]}";
            var program = Settings.ProgramOf(container["image"]!.GetValue<string>());
            if (!Settings.KnownPrograms.Contains(program))
            {
                problems.Add($"{where}: image {container["image"]} is not one of this project's programs ({string.Join(", ", Settings.KnownPrograms)})");
                continue;
            }

            // Variables named in the container's own arguments as $(NAME) are there for Kubernetes to expand them.
            var substituted = (container["command"]?.AsArray() ?? []).Concat(container["args"]?.AsArray() ?? [])
                .SelectMany(a => Substitution().Matches(a!.GetValue<string>()).Select(m => m.Groups[1].Value))
                .ToHashSet(StringComparer.Ordinal);

            var variables = new List<string>();
            foreach (var env in container["env"]?.AsArray() ?? [])
            {
                variables.Add(env!["name"]!.GetValue<string>());
            }

            foreach (var source in container["envFrom"]?.AsArray() ?? [])
            {
                var prefix = source!["prefix"]?.GetValue<string>() ?? "";
                if (source["configMapRef"]?["name"]?.GetValue<string>() is { } configMap)
                {
                    var map = manifests.All.SingleOrDefault(o => Manifests.Kind(o) == "ConfigMap" && Manifests.Name(o) == configMap);
                    if (map is null)
                    {
                        problems.Add($"{where}: envFrom ConfigMap {configMap} is not in the manifests, so its keys cannot be checked");
                        continue;
                    }

                    variables.AddRange((map["data"]?.AsObject() ?? []).Select(p => prefix + p.Key));
                }
                else
                {
                    problems.Add($"{where}: envFrom a Secret hides which variables it sets; name each one with env[].valueFrom.secretKeyRef");
                }
            }

            foreach (var variable in variables.Where(v => !substituted.Contains(v)))
            {
                if (Settings.WhyNotBound(program, variable) is { } why)
                {
                    problems.Add($"{where} sets {variable}, which jcs-{program} does not bind: {why}");
                }
            }

            foreach (var variable in substituted.Where(s => !variables.Contains(s, StringComparer.Ordinal)))
            {
                problems.Add($"{where}: its arguments use $({variable}), which no env entry defines");
            }
        }

        return problems;
    }

    /// <summary>Memory requests and limits at least the peak RSS, and the CPU limit at least the cores, that the benchmark results record.</summary>
    public static List<string> ResourcesBelowMeasured(Manifests manifests, IReadOnlyDictionary<string, BenchmarkPeaks.Peak> peaks)
    {
        var problems = new List<string>();
        foreach (var (workload, _, container) in manifests.Containers())
        {
            var program = Settings.ProgramOf(container["image"]!.GetValue<string>());
            if (!peaks.TryGetValue(program, out var peak))
            {
                continue;
            }

            var where = $"{Manifests.Describe(workload)} container {container["name"]}";
            var resources = container["resources"];
            foreach (var kind in (string[])["requests", "limits"])
            {
                var memory = resources?[kind]?["memory"]?.GetValue<string>();
                if (memory is null)
                {
                    problems.Add($"{where} has no memory {kind}");
                }
                else if (Quantity(memory) < peak.RssBytes)
                {
                    problems.Add($"{where}: memory {kind} {memory} is below the peak RSS of {peak.RssBytes / (1024 * 1024)} MiB recorded in {peak.RssSource}");
                }
            }

            var cpu = resources?["limits"]?["cpu"]?.GetValue<string>();
            if (cpu is null)
            {
                problems.Add($"{where} has no CPU limit");
            }
            else if (Quantity(cpu) < peak.Cores)
            {
                problems.Add($"{where}: CPU limit {cpu} is below the {peak.Cores.ToString(CultureInfo.InvariantCulture)} cores the service used in {peak.CoresSource}");
            }
        }

        return problems;
    }

    /// <summary>The PrometheusRule's groups are alerts.yml's, rule for rule.</summary>
    public static List<string> AlertRuleDifferences(JsonNode prometheusRuleGroups, JsonNode alertsYmlGroups)
    {
        static Dictionary<string, JsonNode> Rules(JsonNode groups) =>
            groups.AsArray().SelectMany(g => g!["rules"]!.AsArray().Select(r => (Key: $"{g["name"]}/{r!["alert"] ?? r["record"]}", Rule: r!)))
                .ToDictionary(p => p.Key, p => p.Rule, StringComparer.Ordinal);

        var problems = new List<string>();
        var rule = Rules(prometheusRuleGroups);
        var source = Rules(alertsYmlGroups);
        problems.AddRange(source.Keys.Except(rule.Keys).Select(k => $"alert {k} is in alerts.yml but not in the PrometheusRule"));
        problems.AddRange(rule.Keys.Except(source.Keys).Select(k => $"alert {k} is in the PrometheusRule but not in alerts.yml"));
        problems.AddRange(source.Keys.Intersect(rule.Keys).Where(k => !JsonNode.DeepEquals(source[k], rule[k]))
            .Select(k => $"alert {k} differs: alerts.yml has {source[k].ToJsonString(Readable)}, the PrometheusRule {rule[k].ToJsonString(Readable)}"));
        if (problems.Count == 0 && !JsonNode.DeepEquals(prometheusRuleGroups, alertsYmlGroups))
        {
            problems.Add("the rule groups differ (names, order or group settings)");
        }

        return problems;
    }

    /// <summary>KEDA reads the lag of the topology's raw topic and group on the same Kafka, and never runs more workers than it has partitions.</summary>
    public static List<string> ScalingAgainstTopology(Manifests manifests)
    {
        var problems = new List<string>();
        var scaledObject = manifests.Single("ScaledObject", "jcs-worker");
        var spec = scaledObject["spec"]!;
        var trigger = spec["triggers"]!.AsArray().Single(t => t!["type"]!.GetValue<string>() == "kafka")!["metadata"]!;
        void Same(string what, string? actual, string expected)
        {
            if (actual != expected)
            {
                problems.Add($"ScaledObject/jcs-worker: trigger {what} is '{actual}', the manifests say '{expected}'");
            }
        }

        Same("topic", trigger["topic"]?.GetValue<string>(), manifests.ConfigValue("jcs-topology", "RAW_TOPIC"));
        Same("consumerGroup", trigger["consumerGroup"]?.GetValue<string>(), manifests.ConfigValue("jcs-topology", "CONSUMER_GROUP"));
        Same("bootstrapServers", trigger["bootstrapServers"]?.GetValue<string>(), manifests.ConfigValue("jcs-kafka", "Kafka__BootstrapServers"));
        Same("scaleTargetRef", spec["scaleTargetRef"]!["name"]!.GetValue<string>(), "jcs-worker");

        var partitions = int.Parse(manifests.ConfigValue("jcs-topology", "RAW_PARTITIONS"), CultureInfo.InvariantCulture);
        var max = spec["maxReplicaCount"]?.GetValue<int>();
        if (max is null || max > partitions)
        {
            problems.Add($"ScaledObject/jcs-worker: maxReplicaCount {max?.ToString(CultureInfo.InvariantCulture) ?? "unset"} is above the raw topic's {partitions} partitions (RAW_PARTITIONS): the extra workers would own nothing");
        }

        if (trigger["allowIdleConsumers"]?.GetValue<string>() == "true")
        {
            problems.Add("ScaledObject/jcs-worker: allowIdleConsumers lets KEDA run workers that own no partition");
        }

        if (!int.TryParse(trigger["lagThreshold"]?.GetValue<string>(), CultureInfo.InvariantCulture, out var threshold) || threshold <= 0)
        {
            problems.Add("ScaledObject/jcs-worker: lagThreshold is not a positive number");
        }

        // The services read the topic names from the same ConfigMap keys.
        foreach (var (workload, variable, key) in (ReadOnlySpan<(string, string, string)>)[
            ("jcs-ingress", "Ingress__RawTopic", "RAW_TOPIC"), ("jcs-worker", "Worker__RawTopic", "RAW_TOPIC"), ("jcs-worker", "Worker__GroupId", "CONSUMER_GROUP")])
        {
            var env = manifests.Container(workload).Container["env"]?.AsArray().SingleOrDefault(e => e!["name"]!.GetValue<string>() == variable);
            var reference = env?["valueFrom"]?["configMapKeyRef"];
            if (reference?["key"]?.GetValue<string>() != key || manifests.ConfigMap("jcs-topology") != manifests.All.Single(o => Manifests.Name(o) == reference["name"]!.GetValue<string>()))
            {
                problems.Add($"Deployment/{workload}: {variable} does not come from jcs-topology's {key}");
            }
        }

        return problems;
    }

    /// <summary>Non-root, read-only root filesystem, no capabilities, no privilege escalation, RuntimeDefault seccomp, no API token.</summary>
    public static List<string> InsecurePods(Manifests manifests)
    {
        var problems = new List<string>();
        foreach (var (workload, podSpec, container) in manifests.Containers())
        {
            var where = $"{Manifests.Describe(workload)} container {container["name"]}";
            var pod = podSpec["securityContext"];
            var own = container["securityContext"];
            bool Is(string field, bool expected) => (own?[field] ?? pod?[field])?.GetValue<bool>() == expected;
            if (!Is("runAsNonRoot", true))
            {
                problems.Add($"{where}: runAsNonRoot is not true");
            }

            if (own?["readOnlyRootFilesystem"]?.GetValue<bool>() != true)
            {
                problems.Add($"{where}: the root filesystem is writable");
            }

            if (own?["allowPrivilegeEscalation"]?.GetValue<bool>() != false)
            {
                problems.Add($"{where}: allowPrivilegeEscalation is not false");
            }

            if (own?["capabilities"]?["drop"]?.AsArray().Any(c => c!.GetValue<string>() == "ALL") != true || own["capabilities"]?["add"] is not null)
            {
                problems.Add($"{where}: capabilities are not dropped (drop: [ALL], nothing added)");
            }

            if ((own?["seccompProfile"] ?? pod?["seccompProfile"])?["type"]?.GetValue<string>() != "RuntimeDefault")
            {
                problems.Add($"{where}: the seccomp profile is not RuntimeDefault");
            }

            if (podSpec["automountServiceAccountToken"]?.GetValue<bool>() != false)
            {
                problems.Add($"{Manifests.Describe(workload)}: mounts a service-account token it has no use for");
            }
        }

        return problems;
    }

    /// <summary>A Kubernetes quantity (<c>512Mi</c>, <c>1.5</c>, <c>250m</c>, <c>1G</c>) as a number.</summary>
    public static double Quantity(string quantity)
    {
        var match = QuantityPattern().Match(quantity);
        Assert.True(match.Success, $"'{quantity}' is not a Kubernetes quantity");
        var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return number * match.Groups[2].Value switch
        {
            "" => 1,
            "m" => 1e-3,
            "k" => 1e3,
            "M" => 1e6,
            "G" => 1e9,
            "Ki" => 1024,
            "Mi" => 1024 * 1024,
            "Gi" => 1024 * 1024 * 1024,
            var suffix => throw new FormatException($"unexpected quantity suffix {suffix}"),
        };
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")]
    private static partial Regex Substitution();

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)(m|k|M|G|Ki|Mi|Gi)?$")]
    private static partial Regex QuantityPattern();
}
