using System.Globalization;
using System.Text;

namespace Jericommerce.Streams.LoadTests.Phases;

/// <summary>The whole run: hot paths, broker, ingress pair, worker pair, end to end, the whole stack; then the table.</summary>
internal static class BenchRun
{
    public static async Task<int> RunAsync(BenchSettings settings, string? outputPath, bool skipMicro, string[] only)
    {
        var root = FindRepositoryRoot();
        var context = new BenchContext(settings, root);
        var output = outputPath ?? Path.Combine(root, "tests", "Jericommerce.Streams.Benchmarks", "results", settings.Mode == "full" ? "latest.md" : "latest-quick.md");
        var started = DateTimeOffset.UtcNow;
        var loadAtStart = ProcFs.LoadAverage();
        var machineAtStart = ProcFs.MachineBusy();
        var oursAtStart = ProcFs.CpuTime(Environment.ProcessId);
        var machine = MachineInfo.Current();
        var header = new List<string>();
        if (BenchContext.ExtraDevArguments.Count > 0)
        {
            header.Add("**Not `make run`'s defaults**: the whole stack ran as `jcs dev " + string.Join(' ', BenchContext.ExtraDevArguments) + "`");
        }

        if (BenchContext.ExtraServiceEnvironment.Count > 0)
        {
            header.Add("**Not the services' defaults**: every service and ceiling ran with " + string.Join(", ", BenchContext.ExtraServiceEnvironment.Select(e => $"`{e.Key}={e.Value}`")));
        }

        BenchContext.Progress($"jcs bench ({settings.Mode}), run {context.Tag}: {machine}; load average {loadAtStart:F2}; logs in {context.LogDirectory}");
        bool Selected(string phase) => only.Length == 0 || only.Contains(phase, StringComparer.OrdinalIgnoreCase);

        if (!skipMicro && Selected("micro"))
        {
            MicroPhase.Run(context);
        }

        using var cancellation = new CancellationTokenSource();
        try
        {
            if (Selected("ingress") || Selected("worker") || Selected("e2e"))
            {
                await RunPhasesAsync(context, Selected, cancellation.Token);
            }

            // Last, with the benchmark's own broker gone: jcs dev brings its own.
            if (Selected("stack"))
            {
                await Stack.StackPhase.RunAsync(context, cancellation.Token);
            }
        }
        finally
        {
            KeepLogTails(context);
        }

        var loadAtEnd = ProcFs.LoadAverage();
        var elapsed = DateTimeOffset.UtcNow - started;
        var ours = ProcFs.CpuTime(Environment.ProcessId) - oursAtStart + ChildProcess.AllChildrenCpuTime;
        var others = Math.Max(0, (ProcFs.MachineBusy() - machineAtStart - ours).TotalSeconds / elapsed.TotalSeconds);
        AddNotes(context);
        var markdown = context.Table.ToMarkdown(
            "Jericommerce Streams: benchmark results",
            [
                string.Create(CultureInfo.InvariantCulture, $"Date: {started:yyyy-MM-dd HH:mm} UTC; mode `{settings.Mode}` (`make bench{(settings.Mode == "full" ? "" : "-quick")}`); took {elapsed.TotalSeconds:F0} s; run {context.Tag}"),
                $"Machine: {machine}",
                string.Create(CultureInfo.InvariantCulture, $"Other work on the machine during the run: {others:F2} of {machine.Cores} cores on average (CPU busy outside this run's processes, from /proc/stat); load average {loadAtStart:F2} at start, {loadAtEnd:F2} at end. Absolute figures move with it; the ratios come from the same run"),
                "Everything on this machine: generator (this harness), dev broker (librdkafka mock cluster, 1 broker, a process of its own, clients on its own listener), and each service or ceiling as a process of its own, started with the service's defaults",
                .. header,
            ]);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, markdown, Encoding.UTF8);
        BenchContext.Progress($"written to {output}");
        return 0;
    }

    private static void AddNotes(BenchContext context)
    {
        var table = context.Table;
        table.Note("Ingress ceiling: the ingress's own host (AddIngress + MapIngress: Kestrel settings, middleware, endpoint, signature check, key extraction, record and headers, logs) with its Kafka step replaced by an immediate 202 (a sink registered only by the harness). Ingress full: jcs-ingress, which answers 202 after Kafka's ack (acks=all, idempotent, linger 1 ms).");
        table.Note("Load: unique signed events (the valid example of each catalog type in turn, unique id and customer), base64 HMAC-SHA256, over raw keep-alive HTTP/1.1 connections (one request at a time per connection). Saturation is closed loop; latency runs are open loop, measured from each request's scheduled time.");
        table.Note("Worker ceiling: consume the raw topic with the worker's consumer settings and copy each record unchanged to one topic through the worker's own OutputProducer (same producer settings), no validation. Worker full: jcs-worker. Each is one process for all its backlogs, warmed up first, and frozen (SIGSTOP) while each backlog is written, so writing costs nothing in the measurement.");
        table.Note("End to end: latency is the time the harness reads the typed record minus its jc-received-at (when the ingress received the request, ms): the dev broker keeps producer timestamps (no LogAppendTime), so the read stands in for the typed-topic ack (fetch wait 1 ms). The worker's own view of it (its jcs_worker_end_to_end_latency_seconds histogram, receipt to typed ack) is kept in the logs as worker-e2e-metrics.txt.");
        table.Note("CPU: average cores used during the measured window, from /proc/<pid>/stat; the generator is this harness process (nothing else runs in it during the load).");
        table.Note($"Process logs of this run (their last {KeptLogLines} lines): {context.KeptLogDirectory}.");
    }

    private static async Task RunPhasesAsync(BenchContext context, Func<string, bool> selected, CancellationToken cancellationToken)
    {
        var (broker, bootstrap) = await BrokerProcess.StartAsync(context, forwarder: false);
        using (broker)
        {
            context.Broker = broker;
            context.BootstrapServers = bootstrap;
            BenchContext.Progress($"dev broker at {bootstrap} (pid {broker.Id})");
            if (selected("ingress"))
            {
                await IngressPhase.RunAsync(context, cancellationToken);
            }

            if (selected("worker"))
            {
                await WorkerPhase.RunAsync(context, cancellationToken);
            }

            if (selected("e2e"))
            {
                await EndToEndPhase.RunAsync(context, cancellationToken);
            }

            broker.Stop();
            context.Table.Note($"Broker CPU over the whole run: {broker.CpuTime.TotalSeconds:F0} s; broker peak RSS {Format.Megabytes(broker.PeakRssBytes)} (it keeps ~5 MiB per partition).");
        }

    }

    private const int KeptLogLines = 2_000;

    /// <summary>Moves the end of each child's log from memory to the kept folder.</summary>
    private static void KeepLogTails(BenchContext context)
    {
        if (context.LogDirectory == context.KeptLogDirectory || !Directory.Exists(context.LogDirectory))
        {
            return;
        }

        Directory.CreateDirectory(context.KeptLogDirectory);
        foreach (var log in Directory.EnumerateFiles(context.LogDirectory))
        {
            var tail = new Queue<string>(KeptLogLines);
            foreach (var line in File.ReadLines(log))
            {
                if (tail.Count == KeptLogLines)
                {
                    tail.Dequeue();
                }

                tail.Enqueue(line);
            }

            File.WriteAllLines(Path.Combine(context.KeptLogDirectory, Path.GetFileName(log)), tail);
        }

        Directory.Delete(context.LogDirectory, recursive: true);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Jericommerce.Streams.sln")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
