using System.Collections;
using System.CommandLine;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Cli.Common;

/// <summary>
/// <c>--bootstrap</c> and <c>-X key=value</c>: how a command reaches Kafka. The defaults come from the same
/// environment variables the services read (<c>Kafka__BootstrapServers</c>, <c>Kafka__Client__&lt;property&gt;</c>),
/// so one container environment configures the services and the tool alike.
/// </summary>
internal sealed class KafkaConnectionOptions
{
    public const string DefaultBootstrap = "127.0.0.1:9092";
    private const string ClientPrefix = "Kafka__Client__";

    public Option<string> Bootstrap { get; } = new("--bootstrap", "-b")
    {
        Description = "Kafka bootstrap servers (default: $JCS_BOOTSTRAP, else $Kafka__BootstrapServers, else 127.0.0.1:9092)",
        DefaultValueFactory = _ => DefaultBootstrapServers(),
    };

    public Option<string[]> Properties { get; } = new("--kafka-property", "-X")
    {
        Description = "librdkafka client property key=value, repeatable (security.protocol, sasl.*...); also read from $Kafka__Client__<key>",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(Bootstrap);
        command.Add(Properties);
    }

    /// <summary>The connection settings, in the shape the services use.</summary>
    public KafkaOptions Resolve(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var options = new KafkaOptions { BootstrapServers = result.GetValue(Bootstrap) ?? DefaultBootstrap };
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string key && key.StartsWith(ClientPrefix, StringComparison.Ordinal) && variable.Value is string value)
            {
                options.Client[key[ClientPrefix.Length..]] = value;
            }
        }

        foreach (var property in result.GetValue(Properties) ?? [])
        {
            var equals = property.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw CliException.Usage($"-X '{property}' is not key=value (e.g. -X security.protocol=SASL_SSL)");
            }

            options.Client[property[..equals].Trim()] = property[(equals + 1)..];
        }

        return options;
    }

    private static string DefaultBootstrapServers() =>
        NonEmpty(Environment.GetEnvironmentVariable("JCS_BOOTSTRAP"))
        ?? NonEmpty(Environment.GetEnvironmentVariable("Kafka__BootstrapServers"))
        ?? DefaultBootstrap;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
