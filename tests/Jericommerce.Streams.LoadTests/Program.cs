using Jericommerce.Streams.LoadTests.Load;
using Jericommerce.Streams.LoadTests.Phases;
using Jericommerce.Streams.LoadTests.Serve;

namespace Jericommerce.Streams.LoadTests;

/// <summary>
/// <c>--mode quick|full [--out FILE] [--skip-micro] [--only micro,ingress,worker,e2e,stack] [--service-env KEY=VALUE]... [--dev-arg ARG]...</c>
/// runs the benchmark;
/// <c>serve broker|ingress-ceiling|worker-ceiling ...</c> is how the harness starts its own child processes;
/// <c>load &lt;host:port&gt; &lt;seconds&gt; [connections] [rate]</c> drives a running ingress and
/// <c>prefill &lt;bootstrap&gt; &lt;topic&gt; &lt;count&gt;</c> writes a raw backlog, for profiling by hand.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["serve", var what, .. var rest])
        {
            return what switch
            {
                "broker" => await BrokerHost.RunAsync(rest),
                "ingress-ceiling" => await IngressCeilingHost.RunAsync(rest),
                "worker-ceiling" => await WorkerCeilingHost.RunAsync(rest),
                _ => Usage($"unknown serve target '{what}'"),
            };
        }

        if (LeanGenerator.RunAgainWithoutSpinning(args) is { } exitCode)
        {
            return exitCode;
        }

        if (args is ["load", .. var load])
        {
            return await LoadCommand.RunAsync(load);
        }

        if (args is ["prefill", var bootstrap, var topic, var count])
        {
            // A backlog for profiling the worker by hand (see the benchmarks README fragment).
            var requests = new Http.WebhookRequests("127.0.0.1", BenchContext.Secret, $"{Guid.NewGuid().ToString("N")[..8]}-p-");
            Kafka.RawPrefill.Write(bootstrap, topic, requests, 0, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
            return 0;
        }

        if (args is ["prefill", ..] or ["load"])
        {
            return Usage("prefill <bootstrap> <topic> <count>; load <host:port> <seconds> [connections] [rate] [secret]");
        }

        // A stray word must not start a ten-minute run that overwrites the results file.
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--mode" or "--out" or "--only" or "--service-env" or "--dev-arg" && i + 1 < args.Length)
            {
                i++;
            }
            else if (args[i] != "--skip-micro")
            {
                return Usage($"unknown argument '{args[i]}'");
            }
        }

        var mode = Value(args, "--mode") ?? "quick";
        var settings = mode switch
        {
            "quick" => BenchSettings.Quick,
            "full" => BenchSettings.Full,
            _ => null,
        };
        if (settings is null)
        {
            return Usage($"--mode must be quick or full, not '{mode}'");
        }

        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--service-env" && args[i + 1].Split('=', 2) is [var key, var value])
            {
                BenchContext.ExtraServiceEnvironment[key] = value;
            }
            else if (args[i] == "--dev-arg")
            {
                BenchContext.ExtraDevArguments.Add(args[i + 1]);
                i++;
            }
        }

        var only = Value(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return await BenchRun.RunAsync(settings, Value(args, "--out"), args.Contains("--skip-micro"), only);
    }

    private static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int Usage(string error)
    {
        Console.Error.WriteLine($"error: {error}");
        Console.Error.WriteLine("usage: Jericommerce.Streams.LoadTests [--mode quick|full] [--out FILE] [--skip-micro] [--only micro,ingress,worker,e2e,stack] [--service-env KEY=VALUE]... [--dev-arg ARG]...");
        return 2;
    }
}
