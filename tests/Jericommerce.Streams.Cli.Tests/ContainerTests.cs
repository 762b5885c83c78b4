using System.Diagnostics;
using System.Text.Json;

namespace Jericommerce.Streams.Cli.Tests;

/// <summary>
/// docker-compose.yml and the Dockerfiles, checked without a Docker engine: the compose file through Debian's
/// docker-compose (<c>config</c> validates it against the Compose schema and resolves it), the Dockerfiles as text.
/// </summary>
public sealed class ContainerTests
{
    private static readonly string[] Dockerfiles =
    [
        "src/Jericommerce.Streams.Ingress/Dockerfile",
        "src/Jericommerce.Streams.Worker/Dockerfile",
        "src/Jericommerce.Streams.Cli/Dockerfile",
    ];

    [Fact]
    public void TheTestcontainersLeg_RunsTheKafkaThatComposeRuns()
    {
        var compose = File.ReadAllLines(Repository.PathOf("docker-compose.yml"));
        var kafka = Assert.Single(compose, l => l.Trim().StartsWith("image: apache/kafka:", StringComparison.Ordinal)).Trim()["image: ".Length..];

        Assert.Equal(ContainerTestBroker.Image, kafka);
    }

    [Fact]
    public async Task ComposeFile_IsValid_StartsInOrder_AndTheWorkerScales()
    {
        Assert.SkipUnless(ChildProcesses.OnPath("docker-compose"), "docker-compose is not installed: apt-get install --no-install-recommends docker-compose (make compose-check does it as root)");

        var config = await RunAsync("docker-compose", ["-f", Repository.PathOf("docker-compose.yml"), "config"], null);
        Assert.True(config.ExitCode == 0, config.Error);

        // The resolved file as JSON, through the YAML library docker-compose itself depends on.
        var (jsonCode, json, jsonError) = await RunAsync("python3", ["-c", "import sys, json, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)"], config.Out);
        Assert.True(jsonCode == 0, jsonError);
        using var document = JsonDocument.Parse(json);
        var services = document.RootElement.GetProperty("services");
        Assert.Equal(
            ["grafana", "ingress", "kafka", "prometheus", "schema-registry", "topics", "worker"],
            services.EnumerateObject().Select(s => s.Name).Order(StringComparer.Ordinal));

        Assert.Equal("service_healthy", Condition(services, "topics", "kafka"));
        Assert.Equal("service_healthy", Condition(services, "schema-registry", "kafka"));
        Assert.Equal("service_completed_successfully", Condition(services, "ingress", "topics"));
        Assert.Equal("service_completed_successfully", Condition(services, "worker", "topics"));
        Assert.Equal("service_healthy", Condition(services, "worker", "schema-registry"));
        Assert.Equal(["topics", "create"], services.GetProperty("topics").GetProperty("command").EnumerateArray().Take(2).Select(a => a.GetString()));

        // --scale worker=3 needs a worker without a fixed name or host port.
        var worker = services.GetProperty("worker");
        Assert.False(worker.TryGetProperty("container_name", out _));
        Assert.False(worker.TryGetProperty("ports", out _));
        Assert.Equal("unless-stopped", worker.GetProperty("restart").GetString());

        // Every published port is on the loopback interface only, and every build has its Dockerfile.
        foreach (var service in services.EnumerateObject())
        {
            if (service.Value.TryGetProperty("ports", out var ports))
            {
                Assert.All(ports.EnumerateArray(), p => Assert.StartsWith("127.0.0.1:", p.GetString(), StringComparison.Ordinal));
            }

            if (service.Value.TryGetProperty("build", out var build))
            {
                Assert.True(File.Exists(Path.Combine(build.GetProperty("context").GetString()!, build.GetProperty("dockerfile").GetString()!)), service.Name);
            }
        }

        // Every file or folder the observability services mount is in the repository.
        foreach (var name in (string[])["prometheus", "grafana"])
        {
            foreach (var volume in services.GetProperty(name).GetProperty("volumes").EnumerateArray())
            {
                var source = volume.ValueKind == JsonValueKind.String ? volume.GetString()!.Split(':')[0] : volume.GetProperty("source").GetString()!;
                Assert.True(File.Exists(source) || Directory.Exists(source), $"{source} is mounted into {name} but does not exist");
            }
        }

        Assert.Contains(
            services.GetProperty("prometheus").GetProperty("volumes").EnumerateArray(),
            v => (v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetProperty("target").GetString()!).Contains("/etc/prometheus/alerts.yml", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfiles_BuildWithTheSdk_RunChiseledAsNonRoot_WithoutSecrets()
    {
        foreach (var path in Dockerfiles)
        {
            var lines = File.ReadAllLines(Repository.PathOf(path)).Where(l => !l.TrimStart().StartsWith('#')).ToList();
            var from = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

            Assert.Equal(2, from.Count);
            Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", from[0], StringComparison.Ordinal);
            Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/(aspnet|runtime):10\.0-noble-chiseled AS runtime$", from[1]);
            Assert.Contains("USER $APP_UID", lines);
            Assert.Contains(lines, l => l.StartsWith("ENTRYPOINT [\"dotnet\", \"jcs", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.Contains("Secret", StringComparison.OrdinalIgnoreCase) || l.StartsWith("ARG ", StringComparison.Ordinal));
        }
    }

    private static string? Condition(JsonElement services, string service, string dependency) =>
        services.GetProperty(service).GetProperty("depends_on").GetProperty(dependency).GetProperty("condition").GetString();

    private static Task<ChildProcessResult> RunAsync(string program, string[] args, string? input) =>
        ChildProcesses.RunAsync(new ProcessStartInfo(program, args) { WorkingDirectory = Repository.Root }, TimeSpan.FromMinutes(2), input, TestContext.Current.CancellationToken);
}
