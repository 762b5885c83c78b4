using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Jericommerce.Streams.Deploy.Tests.Support;

/// <summary>
/// kubectl (renders kustomize without a cluster) and the manifest validator (validator/validate.mjs: the Kubernetes,
/// KEDA and Prometheus Operator schemas of the npm packages pinned in validator/package-lock.json, installed by
/// <c>make k8s-validator</c>).
/// </summary>
internal static class Tools
{
    public static string ValidatorFolder => Repository.PathOf("tests/Jericommerce.Streams.Deploy.Tests/validator");

    /// <summary><c>kubectl kustomize</c> of a folder: the YAML it prints.</summary>
    public static string Kustomize(string folder)
    {
        var (code, output, error) = Run("kubectl", ["kustomize", folder], null);
        Assert.True(code == 0, $"kubectl kustomize {folder} failed ({code}): {error}");
        return output;
    }

    /// <summary>Validates every object of a YAML stream; returns the objects (as JSON) and the validator's errors.</summary>
    public static (JsonArray Objects, IReadOnlyList<string> Errors) Validate(string yaml)
    {
        var (code, output, error) = Run("node", [ValidatorScript(), "check", "-"], yaml);
        Assert.True(code is 0 or 1 && output.Length > 0, $"the validator failed ({code}): {error}");
        var report = JsonNode.Parse(output)!;
        return (report["objects"]!.AsArray(), report["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList());
    }

    /// <summary>A YAML file as JSON, through the validator's YAML library.</summary>
    public static JsonNode YamlFileAsJson(string path)
    {
        var (code, output, error) = Run("node", [ValidatorScript(), "json", path], null);
        Assert.True(code == 0, $"reading {path} failed ({code}): {error}");
        return JsonNode.Parse(output)!;
    }

    private static string ValidatorScript()
    {
        Assert.True(
            Directory.Exists(Path.Combine(ValidatorFolder, "node_modules", "kubernetes-models")),
            "The manifest validator is not installed: run `make k8s-validator` (npm ci in tests/Jericommerce.Streams.Deploy.Tests/validator); `make test` does it.");
        return Path.Combine(ValidatorFolder, "validate.mjs");
    }

    private static (int Code, string Output, string Error) Run(string program, IReadOnlyList<string> arguments, string? input)
    {
        Assert.True(ChildProcesses.OnPath(program), $"{program} is not on the PATH: the Kubernetes manifest tests need kubectl and Node.js.");
        var run = ChildProcesses.RunAsync(new ProcessStartInfo(program, arguments), TimeSpan.FromSeconds(60), input, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return (run.ExitCode, run.Out, run.Error);
    }
}
