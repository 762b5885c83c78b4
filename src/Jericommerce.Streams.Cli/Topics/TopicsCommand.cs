using System.CommandLine;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using System.Globalization;
using Jericommerce.Streams.Cli.Common;
using Jericommerce.Streams.Kafka.Topology;

namespace Jericommerce.Streams.Cli.Topics;

/// <summary><c>jcs topics create</c>: creates the pipeline's topics on a real Kafka, for a first deployment.</summary>
internal static class TopicsCommand
{
    public static Command Create()
    {
        // The defaults are the services' (Kafka:Topology:*): one description of the topology.
        var defaults = new TopologyOptions();
        var partitions = new Option<int>("--partitions") { Description = "partitions of the raw and typed topics (the raw count bounds the workers that share the load)", DefaultValueFactory = _ => defaults.Partitions };
        var deadLetterPartitions = new Option<int>("--dlq-partitions") { Description = "partitions of the dead-letter topic", DefaultValueFactory = _ => defaults.DeadLetterPartitions };
        var replication = new Option<short>("--replication-factor", "-r") { Description = "replicas per partition; -1 takes the broker's default.replication.factor", DefaultValueFactory = _ => defaults.ReplicationFactor };
        var retention = new Option<string?>("--retention") { Description = "retention.ms of the raw and typed topics, as a duration (36h, 7d) or 'forever'; default 7d" };
        var deadLetterRetention = new Option<string?>("--dlq-retention") { Description = "retention of the dead-letter topic; default 30d" };
        var configs = new Option<string[]>("--config") { Description = "extra topic config key=value for every topic, repeatable (e.g. min.insync.replicas=2; default: 2 from replication 3 up, else 1)", Arity = ArgumentArity.ZeroOrMore };
        var timeout = new Option<string>("--timeout") { Description = "how long to wait for Kafka", DefaultValueFactory = _ => "30s" };
        var dryRun = new Option<bool>("--dry-run") { Description = "print the topics that would be created, create nothing" };
        var quarantine = new Option<string?>("--quarantine-topic") { Description = "also create the onboarding quarantine topic (Ingress:Quarantine:Topic, e.g. jericommerce.quarantine), with --dlq-partitions and a 7d retention", };
        var kafka = new KafkaConnectionOptions();
        var topics = new TopicNameOptions();
        var schemas = new SchemaOptions();
        var create = new Command("create", "Creates the raw topic, one topic per event type in the catalog and the dead-letter topic (AdminClient CreateTopics); topics that exist are left as they are.")
        {
            partitions, deadLetterPartitions, replication, retention, deadLetterRetention, configs, timeout, dryRun, quarantine,
        };
        topics.AddTo(create);
        schemas.AddTo(create);
        kafka.AddTo(create);

        create.SetAction(async (terminal, result, cancellationToken) =>
        {
            var connection = kafka.Resolve(result);
            var options = new TopologyOptions
            {
                Partitions = AtLeastOne(result.GetValue(partitions), "--partitions"),
                DeadLetterPartitions = AtLeastOne(result.GetValue(deadLetterPartitions), "--dlq-partitions"),
                ReplicationFactor = ReplicationFactor(result.GetValue(replication)),
            };
            foreach (var (key, value) in ParseConfigs(result.GetValue(configs) ?? []))
            {
                options.Configs[key] = value;
                options.DeadLetterConfigs.Remove(key);
            }

            if (ParseRetention(result.GetValue(retention), "--retention") is { } keep)
            {
                options.Configs[TopicConfigs.RetentionMs] = keep;
            }

            if (ParseRetention(result.GetValue(deadLetterRetention), "--dlq-retention") is { } keepDeadLetters)
            {
                options.DeadLetterConfigs[TopicConfigs.RetentionMs] = keepDeadLetters;
            }

            var quarantineTopic = result.GetValue(quarantine);
            var plan = TopicPlan.Create(
                schemas.Load(result, topics.Prefix(result)),
                topics.Raw(result),
                topics.DeadLetter(result),
                options,
                string.IsNullOrWhiteSpace(quarantineTopic) ? null : quarantineTopic.Trim());
            if (result.GetValue(dryRun))
            {
                foreach (var spec in plan)
                {
                    terminal.WriteLine($"would create {spec.Name,-44} {TopicPlan.Describe(spec)}");
                }

                return ExitCodes.Success;
            }

            var wait = Durations.Parse(result.GetValue(timeout), "--timeout");
            terminal.WriteErrorLine($"creating {plan.Count} topics on {connection.BootstrapServers}...");
            using var admin = KafkaClients.Admin(connection);
            var reports = await CreateAsync(admin, plan, wait, connection.BootstrapServers, cancellationToken);
            var created = 0;
            foreach (var spec in plan)
            {
                var error = reports[spec.Name];
                if (error.Code == ErrorCode.NoError)
                {
                    created++;
                    terminal.WriteLine($"created  {spec.Name,-44} {TopicPlan.Describe(spec)}");
                }
                else
                {
                    terminal.WriteLine($"exists   {spec.Name,-44} left as it is");
                }
            }

            terminal.WriteLine($"{plan.Count} topics ready on {connection.BootstrapServers}: {created} created, {plan.Count - created} already there");
            return ExitCodes.Success;
        });

        return new Command("topics", "Manages the pipeline's topics on a real Kafka.") { create };
    }

    /// <summary>Each topic's outcome (NoError or TopicAlreadyExists); any other failure is one clear error.</summary>
    private static async Task<Dictionary<string, Error>> CreateAsync(IAdminClient admin, IReadOnlyList<PipelineTopic> plan, TimeSpan wait, string bootstrapServers, CancellationToken cancellationToken)
    {
        try
        {
            await admin.CreateTopicsAsync([.. plan.Select(t => t.ToSpecification())], new CreateTopicsOptions { RequestTimeout = wait, OperationTimeout = wait }).WaitAsync(cancellationToken);
            return plan.ToDictionary(t => t.Name, _ => new Error(ErrorCode.NoError));
        }
        catch (CreateTopicsException ex)
        {
            var failed = ex.Results.FirstOrDefault(r => r.Error.IsError && r.Error.Code != ErrorCode.TopicAlreadyExists);
            if (failed is not null)
            {
                throw new CliException($"cannot create {failed.Topic}: {failed.Error.Code}: {failed.Error.Reason}", ex);
            }

            return ex.Results.ToDictionary(r => r.Topic, r => r.Error);
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_UnsupportedFeature)
        {
            // librdkafka's mock cluster (the dev broker) has no CreateTopics; it creates its topics itself.
            throw new CliException($"the broker at {bootstrapServers} does not support CreateTopics ({ex.Error.Reason}): the dev broker creates its topics itself (jcs dev, or make broker BROKER_ARGS=\"--topic name:partitions\")", ex);
        }
        catch (KafkaException ex) when (ex.Error.Code is ErrorCode.Local_TimedOut or ErrorCode.Local_Transport or ErrorCode.Local_AllBrokersDown)
        {
            throw new CliException($"no answer from Kafka at {bootstrapServers} within {Durations.Format(wait)} ({ex.Error.Reason})", ex);
        }
    }

    private static int AtLeastOne(int value, string name) =>
        value >= 1 ? value : throw CliException.Usage($"{name} must be at least 1");

    private static short ReplicationFactor(short value) =>
        value >= 1 || value == -1 ? value : throw CliException.Usage("--replication-factor must be at least 1, or -1 for the broker's default");

    /// <summary>retention.ms as text, or null when the option is not given.</summary>
    private static string? ParseRetention(string? text, string name) =>
        text is null ? null
        : string.Equals(text, "forever", StringComparison.OrdinalIgnoreCase) || text == "-1" ? "-1"
        : Durations.Parse(text, name) is var value && value >= TimeSpan.FromMinutes(1) ? ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)
        : throw CliException.Usage($"{name} must be at least 1m (or 'forever')");

    private static Dictionary<string, string> ParseConfigs(string[] pairs)
    {
        var configs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw CliException.Usage($"--config '{pair}' is not key=value (e.g. min.insync.replicas=2)");
            }

            configs[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
        }

        return configs;
    }
}
