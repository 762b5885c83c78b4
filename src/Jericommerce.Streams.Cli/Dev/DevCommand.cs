using System.CommandLine;
using System.Net;
using Jericommerce.Streams.Cli.Common;

namespace Jericommerce.Streams.Cli.Dev;

/// <summary><c>jcs dev</c>: the dev stack in the foreground (what <c>make run</c> starts) until Ctrl-C.</summary>
internal static class DevCommand
{
    public static Command Create()
    {
        var broker = new Option<string>("--broker") { Description = "host:port of the dev broker (port 0 picks a free one)", DefaultValueFactory = _ => KafkaConnectionOptions.DefaultBootstrap };
        var ingressUrl = new Option<string>("--ingress-url") { Description = "where the ingress listens", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var workerUrl = new Option<string>("--worker-url") { Description = "where the worker serves its health and metrics", DefaultValueFactory = _ => "http://127.0.0.1:8081" };
        var rawPartitions = new Option<int>("--raw-partitions") { Description = "partitions of the raw topic", DefaultValueFactory = _ => 8 };
        var partitions = new Option<int>("--partitions") { Description = "partitions of each typed topic", DefaultValueFactory = _ => 4 };
        var logLevel = new Option<string>("--log-level") { Description = "the services' log level (Debug, Information, Warning...); Warning keeps a load test quiet", DefaultValueFactory = _ => "Information" };
        logLevel.AcceptOnlyFromAmong("Trace", "Debug", "Information", "Warning", "Error", "Critical", "None");
        var ingressDll = new Option<string?>("--ingress-dll") { Description = "the ingress to run (default: jcs-ingress.dll of this checkout's build)" };
        var workerDll = new Option<string?>("--worker-dll") { Description = "the worker to run (default: jcs-worker.dll of this checkout's build)" };
        var withoutKip848 = new Option<bool>("--without-kip848") { Description = "run the dev broker like a Kafka older than 4.0: no KIP-848, so the worker's group protocol 'auto' takes classic" };
        var topics = new TopicNameOptions();
        var schemas = new SchemaOptions();
        var command = new Command("dev", "Runs the dev stack until Ctrl-C: the dev broker with every topic, the ingress and the worker.")
        {
            broker, ingressUrl, workerUrl, rawPartitions, partitions, logLevel, ingressDll, workerDll, withoutKip848,
        };
        command.Aliases.Add("run");
        topics.AddTo(command);
        schemas.AddTo(command);

        command.SetAction(async (terminal, result, time, cancellationToken) =>
        {
            var prefix = topics.Prefix(result);
            var settings = new DevSettings
            {
                BrokerAddress = IPEndPoint.TryParse(result.GetValue(broker) ?? "", out var endpoint) && endpoint.Port is >= 0 and <= 65535
                    ? endpoint
                    : throw CliException.Usage($"--broker '{result.GetValue(broker)}' is not host:port (e.g. 127.0.0.1:9092)"),
                IngressUrl = HttpUrl(result.GetValue(ingressUrl), "--ingress-url"),
                WorkerUrl = HttpUrl(result.GetValue(workerUrl), "--worker-url"),
                RawTopic = topics.Raw(result),
                TopicPrefix = prefix,
                DeadLetterTopic = topics.DeadLetter(result),
                RawPartitions = AtLeastOne(result.GetValue(rawPartitions), "--raw-partitions"),
                TypedPartitions = AtLeastOne(result.GetValue(partitions), "--partitions"),
                LogLevel = result.GetValue(logLevel)!,
                WithoutKip848 = result.GetValue(withoutKip848),
                IngressAssembly = ServiceLocator.Find("jcs-ingress", "Jericommerce.Streams.Ingress", result.GetValue(ingressDll)),
                WorkerAssembly = ServiceLocator.Find("jcs-worker", "Jericommerce.Streams.Worker", result.GetValue(workerDll)),
            };
            if (settings.IngressUrl.Port == settings.WorkerUrl.Port && settings.IngressUrl.Host == settings.WorkerUrl.Host)
            {
                throw CliException.Usage("--ingress-url and --worker-url must differ");
            }

            terminal.WriteErrorLine($"jcs dev: starting the dev broker at {settings.BrokerAddress}, the ingress and the worker...");
            return await new DevStack(settings, schemas.Load(result, prefix), terminal, time).RunAsync(cancellationToken);
        });
        return command;
    }

    private static Uri HttpUrl(string? text, string option) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttp && !url.IsDefaultPort && url.Port > 0
            ? url
            : throw CliException.Usage($"{option} '{text}' is not http://host:port (e.g. http://127.0.0.1:8080)");

    private static int AtLeastOne(int value, string option) =>
        value >= 1 ? value : throw CliException.Usage($"{option} must be at least 1");
}
