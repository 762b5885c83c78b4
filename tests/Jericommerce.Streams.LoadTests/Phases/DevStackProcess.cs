using System.Reflection;

namespace Jericommerce.Streams.LoadTests.Phases;

/// <summary>
/// The dev stack as <c>make run</c> starts it: <c>dotnet jcs.dll dev</c> from the CLI's own build output (which finds
/// the services' builds as it does for <c>make run</c>), with only the addresses changed so that it runs beside
/// anything already on 8080/8081/9092, plus the <c>--dev-arg</c>s of the run. Its processes: jcs itself (the dev
/// broker and its fixed-address forwarder live in it), and the ingress and the worker it starts.
/// </summary>
internal sealed class DevStackProcess : IDisposable
{
    private const string ReadyLine = "Jericommerce Streams dev stack is ready";
    private const string BrokerLine = "  broker    ";

    private DevStackProcess(ChildProcess jcs, ObservedProcess ingress, ObservedProcess worker, string bootstrap, int ingressPort, int workerPort)
    {
        Jcs = jcs;
        Ingress = ingress;
        Worker = worker;
        BootstrapServers = bootstrap;
        IngressPort = ingressPort;
        WorkerPort = workerPort;
    }

    /// <summary>jcs: the dev broker (librdkafka's mock cluster), its TCP forwarder, and the relay of the services' output.</summary>
    public ChildProcess Jcs { get; }

    public ObservedProcess Ingress { get; }

    public ObservedProcess Worker { get; }

    public string BootstrapServers { get; }

    public int IngressPort { get; }

    public int WorkerPort { get; }

    /// <summary>The command line, for the table's notes.</summary>
    public static string Describe(IEnumerable<string> devArguments) =>
        string.Join(' ', new[] { "jcs dev --broker 127.0.0.1:0 --ingress-url http://127.0.0.1:<free> --worker-url http://127.0.0.1:<free>" }.Concat(devArguments));

    public static async Task<DevStackProcess> StartAsync(BenchContext context, IReadOnlyList<string> devArguments)
    {
        var jcsDll = JcsDll(context.RepositoryRoot);
        var (ingressPort, workerPort) = (FreePort.Next(), FreePort.Next());
        string[] arguments =
        [
            "dev", "--broker", "127.0.0.1:0",
            "--ingress-url", $"http://127.0.0.1:{ingressPort}",
            "--worker-url", $"http://127.0.0.1:{workerPort}",
            .. devArguments,
        ];

        // Only what --service-env asks for: jcs gives the services the dev stack's own settings.
        var jcs = ChildProcess.Start("jcs-dev", jcsDll, arguments, new Dictionary<string, string>(BenchContext.ExtraServiceEnvironment), context.LogDirectory);
        try
        {
            await jcs.WaitForLogLineAsync(ReadyLine, TimeSpan.FromSeconds(90));
            var broker = await jcs.WaitForLogLineAsync(BrokerLine, TimeSpan.FromSeconds(5));
            var bootstrap = broker[BrokerLine.Length..].Trim().Split(' ')[0];
            var ingress = ObservedProcess.FindChild(jcs.Id, "jcs-ingress.dll", "ingress") ?? throw new InvalidOperationException("jcs dev runs no jcs-ingress.dll");
            var worker = ObservedProcess.FindChild(jcs.Id, "jcs-worker.dll", "worker") ?? throw new InvalidOperationException("jcs dev runs no jcs-worker.dll");
            return new DevStackProcess(jcs, ingress, worker, bootstrap, ingressPort, workerPort);
        }
        catch
        {
            jcs.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Ctrl-C's way (SIGTERM to jcs, which stops the ingress, the worker, then the broker), after a last reading of
    /// each service's CPU and peak RSS; whatever is left after 40 s is killed.
    /// </summary>
    public void Dispose()
    {
        _ = (Ingress.CpuTime, Ingress.PeakRssBytes, Worker.CpuTime, Worker.PeakRssBytes, Jcs.CpuTime);
        if (!Jcs.HasExited && PosixSignal.Terminate(Jcs.Id))
        {
            Jcs.WaitForExit(TimeSpan.FromSeconds(40));
        }

        foreach (var service in new[] { Ingress, Worker })
        {
            if (!service.HasExited)
            {
                PosixSignal.KillNow(service.Id);
            }
        }

        Jcs.Dispose();
    }

    /// <summary>jcs.dll of this checkout's build, in the harness's own configuration (what <c>make run</c> runs).</summary>
    private static string JcsDll(string repositoryRoot)
    {
        var configuration = typeof(DevStackProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var path = Path.Combine(repositoryRoot, "src", "Jericommerce.Streams.Cli", "bin", configuration, $"net{Environment.Version.Major}.{Environment.Version.Minor}", "jcs.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path}: build the CLI first (make bench builds it)", path);
    }
}
