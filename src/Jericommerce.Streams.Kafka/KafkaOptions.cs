using System.ComponentModel.DataAnnotations;
using Confluent.Kafka;

namespace Jericommerce.Streams.Kafka;

/// <summary>
/// How a service reaches Kafka (section <c>Kafka</c>): the bootstrap servers, plus any librdkafka
/// client property (security, SASL, TLS...) under <c>Kafka:Client</c>, e.g.
/// <c>Kafka__Client__security.protocol=SASL_SSL</c>.
/// </summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Kafka:BootstrapServers is required (e.g. 127.0.0.1:9092).")]
    public string BootstrapServers { get; set; } = "127.0.0.1:9092";

    /// <summary>Extra librdkafka properties applied to every client, after the service's own settings.</summary>
    public Dictionary<string, string> Client { get; init; } = [];

    /// <summary>Applies the bootstrap servers and the extra properties to a client config.</summary>
    public T Apply<T>(T config)
        where T : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        config.BootstrapServers = BootstrapServers;
        foreach (var (key, value) in Client)
        {
            config.Set(key, value);
        }

        return config;
    }
}
