using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Jericommerce.Streams.Deploy.Tests.Support;

/// <summary>One overlay rendered by kubectl kustomize and read by the validator: its objects and the validator's verdict.</summary>
internal sealed record Manifests(string Overlay, JsonArray Objects, IReadOnlyList<string> SchemaErrors)
{
    public static readonly TheoryData<string> Overlays = new("dev", "production");

    private static readonly ConcurrentDictionary<string, Manifests> Cache = new(StringComparer.Ordinal);

    /// <summary>An overlay of deploy/kubernetes, rendered once per test run (the tests only read it; copy before changing).</summary>
    public static Manifests Of(string overlay) =>
        Cache.GetOrAdd(overlay, name => Render(Repository.PathOf($"deploy/kubernetes/overlays/{name}"), name));

    public static Manifests Render(string folder, string name)
    {
        var (objects, errors) = Tools.Validate(Tools.Kustomize(folder));
        return new Manifests(name, objects, errors);
    }

    /// <summary>A deep copy, for the tests that break something on purpose.</summary>
    public Manifests Copy() => this with { Objects = JsonNode.Parse(Objects.ToJsonString())!.AsArray() };

    public IEnumerable<JsonObject> All => Objects.Select(o => o!.AsObject());

    public JsonObject Single(string kind, string name) =>
        All.Single(o => Kind(o) == kind && Name(o) == name);

    /// <summary>A ConfigMap by the name the manifests use (kustomize appends a hash to generated ones).</summary>
    public JsonObject ConfigMap(string name) =>
        All.Single(o => Kind(o) == "ConfigMap" && (Name(o) == name || Name(o).StartsWith(name + "-", StringComparison.Ordinal) && Name(o).Length == name.Length + 11));

    public string ConfigValue(string configMap, string key) => ConfigMap(configMap)["data"]![key]!.GetValue<string>();

    /// <summary>Every container of every workload, with the workload it belongs to.</summary>
    public IEnumerable<(JsonObject Workload, JsonObject PodSpec, JsonObject Container)> Containers() =>
        from workload in All
        where Kind(workload) is "Deployment" or "Job" or "StatefulSet" or "DaemonSet"
        let podSpec = workload["spec"]!["template"]!["spec"]!.AsObject()
        from container in podSpec["containers"]!.AsArray().Concat(podSpec["initContainers"]?.AsArray() ?? [])
        select (workload, podSpec, container!.AsObject());

    public (JsonObject PodSpec, JsonObject Container) Container(string workload) =>
        Containers().Where(c => Name(c.Workload) == workload).Select(c => (c.PodSpec, c.Container)).Single();

    public static string Kind(JsonObject o) => o["kind"]!.GetValue<string>();

    public static string Name(JsonObject o) => o["metadata"]!["name"]!.GetValue<string>();

    public static string Describe(JsonObject o) => $"{Kind(o)}/{Name(o)}";
}
