using System.Net;
using System.Net.Http;
using Jericommerce.Streams.DevKafka;

namespace Jericommerce.Streams.LoadTests.Phases;

/// <summary>What every phase shares: settings, the run's tag, where things are, the broker, the table.</summary>
internal sealed class BenchContext(BenchSettings settings, string repositoryRoot)
{
    /// <summary>The webhook secret the services are configured with and the generator signs with.</summary>
    public const string Secret = "bench-secret-1d3b5f7a";

    public BenchSettings Settings { get; } = settings;

    /// <summary>Makes this run's event ids and group ids unique.</summary>
    public string Tag { get; } = Guid.NewGuid().ToString("N")[..8];

    public string RepositoryRoot { get; } = repositoryRoot;

    public string BaseDirectory { get; } = AppContext.BaseDirectory;

    public string HarnessDll { get; } = typeof(BenchContext).Assembly.Location;

    public string IngressDll => Path.Combine(BaseDirectory, "jcs-ingress.dll");

    public string WorkerDll => Path.Combine(BaseDirectory, "jcs-worker.dll");

    /// <summary>
    /// The runtime configuration a service's build writes beside it: its ceiling runs with it. The harness's own is
    /// the Web SDK's (server GC), and until 2026-12-06 the ceilings ran on that while the services did not.
    /// </summary>
    public static string RuntimeConfigOf(string serviceDll) => Path.ChangeExtension(serviceDll, ".runtimeconfig.json");

    /// <summary>
    /// Where the children write their logs while they run: memory (tmpfs) when the machine has it, so that a
    /// service logging every request never waits on this machine's disk (in a container its stdout is a pipe).
    /// </summary>
    public string LogDirectory => Directory.Exists("/dev/shm") ? Path.Combine("/dev/shm", $"jcs-bench-{Tag}") : KeptLogDirectory;

    /// <summary>Where the end of each log is kept after the run.</summary>
    public string KeptLogDirectory => Path.Combine(Path.GetTempPath(), $"jcs-bench-{Tag}");

    public ResultsTable Table { get; } = new();

    public ChildProcess Broker { get; set; } = null!;

    public string BootstrapServers { get; set; } = "";

    /// <summary>
    /// Extra environment variables for every service and ceiling process (<c>--service-env KEY=VALUE</c>), to measure
    /// a setting's effect; empty for the published runs, which use the services' defaults.
    /// </summary>
    public static Dictionary<string, string> ExtraServiceEnvironment { get; } = [];

    /// <summary>
    /// Extra arguments for <c>jcs dev</c> in the whole-stack phase (<c>--dev-arg ARG</c>, once per argument), to measure
    /// a dev-stack setting's effect; empty for the published runs, which use <c>make run</c>'s defaults.
    /// </summary>
    public static List<string> ExtraDevArguments { get; } = [];

    public IReadOnlyList<string> DevArguments => ExtraDevArguments;

    /// <summary>CPU per event (µs) of the ingress and its ceiling at saturation, when the ingress phase ran.</summary>
    public (double Full, double Ceiling)? IngressCost { get; set; }

    /// <summary>CPU per event (µs) of the worker and its copy ceiling through a backlog, when the worker phase ran.</summary>
    public (double Full, double Ceiling)? WorkerCost { get; set; }

    /// <summary>The ceilings' CPU per event of this run, for the whole-stack cost rows.</summary>
    public string CeilingCosts()
    {
        var parts = new List<string>();
        if (IngressCost is { } ingress)
        {
            parts.Add($"ingress ceiling {Stack.CostPerEvent.Format(ingress.Ceiling)} (no Kafka, saturation)");
        }

        if (WorkerCost is { } worker)
        {
            parts.Add($"worker ceiling {Stack.CostPerEvent.Format(worker.Ceiling)} (copy, backlog)");
        }

        return string.Join("; ", parts);
    }

    public static IReadOnlyDictionary<string, string> ServiceEnvironment(int port, string bootstrapServers)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Kafka__BootstrapServers"] = bootstrapServers,
        };
        foreach (var (key, value) in ExtraServiceEnvironment)
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>
    /// A worker's (or the worker ceiling's) environment: the dev broker's fetch wait (see
    /// <see cref="DevKafkaCluster.ConsumerFetchWaitMs"/>), or a caught-up worker would hold each event up to 500 ms.
    /// </summary>
    public static IReadOnlyDictionary<string, string> WorkerEnvironment(int port, string bootstrapServers) =>
        new Dictionary<string, string>(ServiceEnvironment(port, bootstrapServers))
        {
            ["Kafka__Client__fetch.wait.max.ms"] = DevKafkaCluster.ConsumerFetchWaitMs,
        };

    /// <summary>Waits until <c>GET /readyz</c> answers 200.</summary>
    public static async Task WaitReadyAsync(ChildProcess process, int port, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.UntilAsync(
            async token =>
            {
                process.ThrowIfExited();
                try
                {
                    using var answer = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/readyz"), token);
                    return answer.StatusCode == HttpStatusCode.OK;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !token.IsCancellationRequested)
                {
                    return false; // Not listening yet.
                }
            },
            () => $"{process.Name} to be ready.{Environment.NewLine}{process.Tail()}",
            timeout);
    }

    public static void Progress(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
