using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Jericommerce.Streams.Cli.Dev;
using Jericommerce.Streams.DevKafka;

namespace Jericommerce.Streams.Cli.Tests;

/// <summary><c>jcs dev</c> as <c>make run</c> starts it: a process that serves the whole pipeline until Ctrl-C.</summary>
public sealed partial class DevStackTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dev_ServesTheWholePipeline_AndStopsCleanlyOnCtrlC()
    {
        var (ingressPort, workerPort) = (FreePort.Next(), FreePort.Next());
        using var dev = JcsProcess.Start(
            "dev", "--broker", "127.0.0.1:0", "--ingress-url", $"http://127.0.0.1:{ingressPort}", "--worker-url", $"http://127.0.0.1:{workerPort}", "--log-level", "Warning");

        Assert.True(await dev.WaitForOutputAsync(DevStack.ReadyLine, TimeSpan.FromSeconds(120)), $"{dev.Out}\n{dev.Error}");
        var bootstrap = BrokerLine().Match(dev.Out).Groups["address"].Value;
        // The dev broker holds an empty fetch for the whole fetch wait: the worker must not wait librdkafka's 500 ms.
        Assert.Contains($"Kafka__Client__fetch.wait.max.ms={DevKafkaCluster.ConsumerFetchWaitMs}", ChildEnvironment(dev.Id, "jcs-worker.dll"));
        // The dev broker reads one producer batch per partition per fetch: the ingress batches a little more than in production.
        Assert.Contains($"Ingress__LingerMs={DevKafkaCluster.ProducerLingerMs}", ChildEnvironment(dev.Id, "jcs-ingress.dll"));
        Assert.Contains($"  webhook   POST http://127.0.0.1:{ingressPort}/webhooks/jericommerce", dev.Out, StringComparison.Ordinal);
        Assert.Contains("  secret    dev-secret", dev.Out, StringComparison.Ordinal);
        Assert.Contains($"metrics http://127.0.0.1:{workerPort}/metrics", dev.Out, StringComparison.Ordinal);
        // Not the defaults: `make demo` would look elsewhere, so the banner says how to reach this stack.
        Assert.Contains($" demo --url http://127.0.0.1:{ingressPort}/webhooks/jericommerce --bootstrap {bootstrap}", dev.Out, StringComparison.Ordinal);
        Assert.Contains($" tail jericommerce.customer-created.v1 --from-beginning --bootstrap {bootstrap}", dev.Out, StringComparison.Ordinal);

        // jcs send signs with the dev secret by default, as the banner says.
        var send = await JcsRun.InvokeAsync("send", "--url", $"http://127.0.0.1:{ingressPort}/webhooks/jericommerce", "--type", "Customer created", "--json");
        Assert.True(send.ExitCode == 0, send.ToString());
        var routed = Assert.Single(await TopicReader.ReadAsync(bootstrap, "jericommerce.customer-created.v1", 1, TimeSpan.FromSeconds(60), Cancel));
        Assert.Equal("customer-created", routed.Message.Headers.GetText(RecordHeaders.EventType));
        using (var http = new HttpClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri($"http://127.0.0.1:{workerPort}/readyz"), Cancel)).StatusCode);
        }

        dev.Interrupt();
        var exitCode = await dev.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, $"exit {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(still running)"}\n{dev.Out}\n{dev.Error}");
        Assert.Contains("jcs dev: stopped", dev.Error, StringComparison.Ordinal);
        Assert.True(PortIsFree(ingressPort) && PortIsFree(workerPort), "a service still listens after jcs dev exited");
    }

    [Fact]
    public async Task Dev_WhenTheOperatorSetsAFetchWait_TheWorkerKeepsIt()
    {
        using var dev = JcsProcess.Start(
            new Dictionary<string, string> { ["Kafka__Client__fetch.wait.max.ms"] = "50" },
            "dev", "--broker", "127.0.0.1:0", "--ingress-url", $"http://127.0.0.1:{FreePort.Next()}", "--worker-url", $"http://127.0.0.1:{FreePort.Next()}", "--log-level", "Warning");

        Assert.True(await dev.WaitForOutputAsync(DevStack.ReadyLine, TimeSpan.FromSeconds(120)), $"{dev.Out}\n{dev.Error}");
        var environment = ChildEnvironment(dev.Id, "jcs-worker.dll");
        dev.Interrupt();
        await dev.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Contains("Kafka__Client__fetch.wait.max.ms=50", environment);
        Assert.DoesNotContain($"Kafka__Client__fetch.wait.max.ms={DevKafkaCluster.ConsumerFetchWaitMs}", environment);
    }

    [Fact]
    public async Task Dev_WhenAServiceCannotStart_StopsTheRestAndExits1()
    {
        // The services read the environment jcs dev passes on: a bad worker setting stops the worker at start-up.
        using var dev = JcsProcess.Start(
            new Dictionary<string, string> { ["Worker__DedupWindow"] = "00:00:00" },
            "dev", "--broker", "127.0.0.1:0", "--ingress-url", $"http://127.0.0.1:{FreePort.Next()}", "--worker-url", $"http://127.0.0.1:{FreePort.Next()}", "--log-level", "Warning");

        var exitCode = await dev.WaitForExitAsync(TimeSpan.FromSeconds(120));

        Assert.True(exitCode == 1, $"exit {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(still running)"}\n{dev.Out}\n{dev.Error}");
        Assert.DoesNotContain(DevStack.ReadyLine, dev.Out, StringComparison.Ordinal);
        Assert.Contains("Worker:DedupWindow", dev.Out + dev.Error, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^error: the worker exited by itself with code \d+ \(see its output above\); stopping the dev stack$", dev.Error);
        Assert.Contains("jcs dev: stopped", dev.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_WhenAPortIsTaken_SaysWhichInOneLine()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            var run = await JcsRun.InvokeAsync("dev", "--broker", "127.0.0.1:0", "--ingress-url", $"http://127.0.0.1:{port}", "--worker-url", $"http://127.0.0.1:{FreePort.Next()}");

            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Equal($"error: 127.0.0.1:{port} is in use (another `make run`?): stop it, or pass --ingress-url http://127.0.0.1:<port>", run.Error.Lines[^1]);
        }
        finally
        {
            taken.Stop();
        }
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"(?m)^  broker    (?<address>\S+)")]
    private static partial Regex BrokerLine();

    /// <summary>The environment (<c>KEY=value</c> entries) of the child of <paramref name="parentId"/> running <paramref name="assembly"/>, from /proc.</summary>
    private static string[] ChildEnvironment(int parentId, string assembly)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                if (parent == parentId && File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(assembly, StringComparison.Ordinal))
                {
                    return File.ReadAllText(Path.Combine(directory, "environ")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                }
            }
            catch (IOException)
            {
                // The process ended while it was being read.
            }
        }

        throw new InvalidOperationException($"no child of {parentId} runs {assembly}");
    }
}
