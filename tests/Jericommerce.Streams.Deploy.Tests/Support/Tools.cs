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
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail($"{program} could not be started ({ex.Message}): the Kubernetes manifest tests need kubectl and Node.js on the PATH.");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (input is not null)
            {
                process.StandardInput.Write(input);
            }

            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish within 60 s.");
            }

            return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }
    }
}
