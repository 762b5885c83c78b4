using System.Collections;
using System.Net.Sockets;
using System.Net;
using Jericommerce.Streams.Cli.Common;
using Jericommerce.Streams.DevKafka;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Schemas;
using Jericommerce.Streams.Signatures;

namespace Jericommerce.Streams.Cli.Dev;

/// <summary>
/// The whole pipeline on one machine, in the foreground: the dev broker (librdkafka's mock cluster, in this
/// process, every topic created), then the ingress and the worker as child processes running their own builds.
/// Children keep each service exactly as deployed (its Program, settings and dependencies) and their output
/// apart. The broker lives in this process and goes last, once both services have stopped.
/// </summary>
internal sealed class DevStack(DevSettings settings, SchemaCatalog catalog, Terminal terminal, TimeProvider time)
{
    /// <summary>The first line of the ready banner; tests and scripts wait for it.</summary>
    public const string ReadyLine = "Jericommerce Streams dev stack is ready";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        EnsureFree(settings.IngressUrl, "--ingress-url");
        EnsureFree(settings.WorkerUrl, "--worker-url");

        await using var broker = StartBroker();
        var environment = ServiceEnvironment(broker.BootstrapServers);
        await using var ingress = ServiceProcess.Start("ingress", settings.IngressAssembly, IngressEnvironment(environment), terminal, time);
        await using var worker = ServiceProcess.Start("worker", settings.WorkerAssembly, WorkerEnvironment(environment), terminal, time);
        ServiceProcess[] services = [ingress, worker];

        var outcome = await WaitUntilReadyAsync(services, cancellationToken);
        if (outcome is null)
        {
            PrintBanner(broker.BootstrapServers, time.GetElapsedTime(started));
            outcome = await WaitForStopAsync(services, cancellationToken);
        }

        // Webhooks stop first, then routing finishes what reached the raw topic, then the broker goes.
        terminal.WriteErrorLine("jcs dev: stopping the ingress, the worker, then the dev broker");
        foreach (var service in services)
        {
            if (await service.StopAsync(settings.StopTimeout) is null)
            {
                terminal.WriteErrorLine($"jcs dev: the {service.Name} did not stop within {Durations.Format(settings.StopTimeout)}: killed");
            }
        }

        terminal.WriteErrorLine("jcs dev: stopped");
        return outcome.Value;
    }

    private DevKafkaCluster StartBroker()
    {
        var topics = new List<TopicSpec> { new(settings.RawTopic, settings.RawPartitions) };
        topics.AddRange(catalog.EventTypes.Select(t => new TopicSpec(t.Topic, settings.TypedPartitions)));
        topics.Add(new TopicSpec(settings.DeadLetterTopic, settings.DeadLetterPartitions));
        try
        {
            return DevKafkaCluster.Start(new DevKafkaOptions { Address = settings.BrokerAddress, Topics = topics, WithoutKip848 = settings.WithoutKip848 });
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new CliException($"{settings.BrokerAddress} is in use (another `make run` or `make broker`?): stop it, or pass --broker 127.0.0.1:<port>", ex);
        }
        catch (DevKafkaException ex)
        {
            throw new CliException($"cannot start the dev broker: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The services' settings, as environment variables over the inherited environment: so an operator's own
    /// <c>Ingress__Secrets__0</c> (or any other setting) still applies, but the addresses and topics are the dev stack's.
    /// </summary>
    private Dictionary<string, string> ServiceEnvironment(string bootstrapServers) => new(StringComparer.Ordinal)
    {
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Ingress__DevMode"] = "true",
        ["Kafka__BootstrapServers"] = bootstrapServers,
        ["Ingress__RawTopic"] = settings.RawTopic,
        ["Worker__RawTopic"] = settings.RawTopic,
        ["Worker__TopicPrefix"] = settings.TopicPrefix,
        ["Worker__DeadLetterTopic"] = settings.DeadLetterTopic,

        // The dev broker has no CreateTopics; it creates a topic on a metadata request, as auto.create.topics.enable does.
        ["Worker__NewTopicCreation"] = "broker",
        ["Logging__LogLevel__Default"] = settings.LogLevel,
        // jcs prints the addresses itself; the hosts' own start-up lines would only repeat them.
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        ["Logging__Console__FormatterName"] = "simple",
        ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss ",
    };

    private const string FetchWaitVariable = "Kafka__Client__fetch.wait.max.ms";
    private const string IngressLingerVariable = "Ingress__LingerMs";

    private Dictionary<string, string> IngressEnvironment(Dictionary<string, string> environment)
    {
        var ingress = Merge(environment, "ASPNETCORE_URLS", Origin(settings.IngressUrl));
        // Dev-broker-only: see DevKafkaCluster.ProducerLingerMs.
        DevBrokerSetting(ingress, IngressLingerVariable, DevKafkaCluster.ProducerLingerMs);
        return ingress;
    }

    private Dictionary<string, string> WorkerEnvironment(Dictionary<string, string> environment)
    {
        var worker = Merge(environment, "ASPNETCORE_URLS", Origin(settings.WorkerUrl));
        // Dev-broker-only: see DevKafkaCluster.ConsumerFetchWaitMs.
        DevBrokerSetting(worker, FetchWaitVariable, DevKafkaCluster.ConsumerFetchWaitMs);
        return worker;
    }

    /// <summary>A setting the dev broker needs and a real Kafka does not: the operator's own value, if any, wins.</summary>
    private static void DevBrokerSetting(Dictionary<string, string> environment, string key, string value)
    {
        if (Environment.GetEnvironmentVariable(key) is null)
        {
            environment[key] = value;
        }
    }

    private static Dictionary<string, string> Merge(Dictionary<string, string> environment, string key, string value) =>
        new(environment, StringComparer.Ordinal) { [key] = value };

    /// <summary>Null once both services are ready; else the exit code to stop with (0 when Ctrl-C came first).</summary>
    private async Task<int?> WaitUntilReadyAsync(ServiceProcess[] services, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.StartTimeout);
        var ready = Task.WhenAll(
            ReadinessProbe.WaitAsync(http, new Uri(settings.IngressUrl, "/readyz"), services[0].Exited, time, timeout.Token),
            ReadinessProbe.WaitAsync(http, new Uri(settings.WorkerUrl, "/readyz"), services[1].Exited, time, timeout.Token));
        try
        {
            // A service that dies while starting (a bad setting, a port taken meanwhile) ends the wait at once.
            await Task.WhenAny(ready, Task.WhenAny(services.Select(s => s.Exited)));
            if (!ready.IsCompleted)
            {
                return await ExitedEarlyAsync(services, cancellationToken) ?? ExitCodes.Success;
            }

            await ready;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
        catch (OperationCanceledException)
        {
            await terminal.ErrorAsync($"the services were not ready within {Durations.Format(settings.StartTimeout)} (see their output above)");
            return ExitCodes.Failure;
        }

        var exited = await ExitedEarlyAsync(services, cancellationToken);
        return exited ?? (cancellationToken.IsCancellationRequested ? ExitCodes.Success : null);
    }

    /// <summary>Runs until Ctrl-C/SIGTERM (0) or until a service exits by itself (1).</summary>
    private async Task<int> WaitForStopAsync(ServiceProcess[] services, CancellationToken cancellationToken)
    {
        var stopped = new TaskCompletionSource();
        await using var registration = cancellationToken.Register(() => stopped.TrySetResult());
        await Task.WhenAny(services.Select(s => (Task)s.Exited).Append(stopped.Task));
        return await ExitedEarlyAsync(services, cancellationToken) ?? ExitCodes.Success;
    }

    /// <summary>
    /// A service that ended on its own is a failure, unless the stop was asked for: Ctrl-C in a terminal reaches
    /// the children (same process group) as fast as it reaches jcs, so they may well be gone first.
    /// </summary>
    private async Task<int?> ExitedEarlyAsync(ServiceProcess[] services, CancellationToken cancellationToken)
    {
        if (services.FirstOrDefault(s => s.Exited.IsCompleted) is not { } exited)
        {
            return null;
        }

        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        await terminal.ErrorAsync($"the {exited.Name} exited by itself with code {await exited.Exited} (see its output above); stopping the dev stack");
        return ExitCodes.Failure;
    }

    private void PrintBanner(string bootstrapServers, TimeSpan elapsed)
    {
        var ingress = Origin(settings.IngressUrl);
        var worker = Origin(settings.WorkerUrl);
        var typed = catalog.EventTypes.Count;
        string[] lines =
        [
            "",
            $"{ReadyLine} ({elapsed.TotalSeconds:0.0} s)",
            $"  webhook   POST {ingress}{JericommerceWebhook.Path}",
            $"  secret    {SecretDescription()}",
            $"  broker    {bootstrapServers}  (dev broker: in memory, about 5 MiB kept per partition)",
            $"  topics    {settings.RawTopic} ({settings.RawPartitions}), {typed} typed {settings.TopicPrefix}.<type>.v1 ({settings.TypedPartitions} each), {settings.DeadLetterTopic} ({settings.DeadLetterPartitions})",
            $"  ingress   health {ingress}/readyz  {ingress}/livez   metrics {ingress}/metrics",
            $"  worker    health {worker}/readyz  {worker}/livez   metrics {worker}/metrics",
            "Try next, in another terminal:",
            .. TryNext(bootstrapServers),
            "Ctrl-C stops everything.",
            "",
        ];
        foreach (var line in lines)
        {
            terminal.WriteLine(line);
        }
    }

    /// <summary>
    /// <c>make demo</c> and a tail of a typed topic; with the options they need when the stack does not run with its
    /// defaults (then <c>make demo</c> would look in the wrong place).
    /// </summary>
    private IEnumerable<string> TryNext(string bootstrapServers)
    {
        var options = new List<string>();
        if (settings.BrokerAddress.ToString() != KafkaConnectionOptions.DefaultBootstrap)
        {
            options.Add($"--bootstrap {bootstrapServers}");
        }

        var topics = new List<string>();
        if (settings.TopicPrefix != SchemaCatalog.DefaultTopicPrefix)
        {
            topics.Add($"--topic-prefix {settings.TopicPrefix}");
        }

        if (settings.DeadLetterTopic != TopicDefaults.DeadLetter)
        {
            topics.Add($"--dlq-topic {settings.DeadLetterTopic}");
        }

        var url = Origin(settings.IngressUrl) + JericommerceWebhook.Path;
        var demo = url == Send.SendCommand.DefaultUrl && options.Count == 0 && topics.Count == 0
            ? "make demo"
            : string.Join(' ', new[] { $"{JcsInvocation.Command} demo --url {url}" }.Concat(options).Concat(topics));
        var tail = string.Join(' ', new[] { $"{JcsInvocation.Command} tail {(catalog.EventTypes.FirstOrDefault(t => t.Slug == "customer-created") ?? catalog.EventTypes[0]).Topic} --from-beginning" }.Concat(options));
        return [$"  {demo}", $"  {tail}"];
    }

    /// <summary>
    /// The secret to sign with. One configured the production way (<c>Ingress__Secrets__*</c>, <c>Ingress__SecretsFile</c>)
    /// replaces the development one and is not printed.
    /// </summary>
    private static string SecretDescription()
    {
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string key
                && (key.StartsWith("Ingress__Secrets__", StringComparison.OrdinalIgnoreCase) || key.Equals("Ingress__SecretsFile", StringComparison.OrdinalIgnoreCase)))
            {
                return $"from {key} in your environment (not shown); sign with it: jcs send --secret ... or JCS_SECRET";
            }
        }

        return "dev-secret  (the ingress's development secret; set Ingress__Secrets__0 to use another)";
    }

    /// <summary><c>http://127.0.0.1:8080</c>: scheme, host and port, no path.</summary>
    private static string Origin(Uri url) => url.GetLeftPart(UriPartial.Authority);

    /// <summary>Fails fast, with the option to change, when something already listens where a service would.</summary>
    private static void EnsureFree(Uri url, string option)
    {
        var address = url.IsLoopback && !IPAddress.TryParse(url.Host, out _) ? IPAddress.Loopback : IPAddress.Parse(url.Host);
        try
        {
            var listener = new TcpListener(address, url.Port);
            listener.Start();
            listener.Stop();
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new CliException($"{url.Host}:{url.Port} is in use (another `make run`?): stop it, or pass {option} http://127.0.0.1:<port>", ex);
        }
    }
}
