using System.Text.RegularExpressions;

namespace Jericommerce.Streams.Worker.Group;

/// <summary>
/// The APIs one broker advertised in its ApiVersions answer, as librdkafka logs them under its <c>feature</c> debug
/// context (<c>"127.0.0.1:9092/1:   ApiKey ConsumerGroupHeartbeat (68) Versions 1..1"</c>). Kafka has no "version"
/// field: the advertised APIs and their version ranges are what a broker's version is, as far as a client can see.
/// </summary>
internal sealed partial record BrokerApis(string Broker, IReadOnlyDictionary<short, ApiRange> Apis)
{
    public const short ApiVersionsKey = 18;
    public const short MetadataKey = 3;
    public const short ConsumerGroupHeartbeatKey = 68;

    public bool OffersKip848 => Apis.ContainsKey(ConsumerGroupHeartbeatKey);

    /// <summary>One line for a message: what the broker offers of the APIs that tell versions apart.</summary>
    public string Describe() =>
        $"{Broker}: ApiVersions {Range(ApiVersionsKey)}, Metadata {Range(MetadataKey)}, ConsumerGroupHeartbeat {Range(ConsumerGroupHeartbeatKey)}";

    /// <summary>
    /// The brokers in <paramref name="logLines"/>. A broker's first connection is logged as <c>host:port/bootstrap</c>
    /// and later ones by its id: the bootstrap entries count only when no broker was seen by id.
    /// </summary>
    public static IReadOnlyList<BrokerApis> FromLibrdkafkaLog(IEnumerable<string> logLines)
    {
        ArgumentNullException.ThrowIfNull(logLines);
        var brokers = new Dictionary<string, Dictionary<short, ApiRange>>(StringComparer.Ordinal);
        foreach (var line in logLines)
        {
            if (ApiLine().Match(line) is { Success: true } match)
            {
                var broker = match.Groups["broker"].Value;
                if (!brokers.TryGetValue(broker, out var apis))
                {
                    brokers[broker] = apis = [];
                }

                apis[short.Parse(match.Groups["key"].ValueSpan, provider: null)] =
                    new ApiRange(match.Groups["name"].Value, short.Parse(match.Groups["min"].ValueSpan, provider: null), short.Parse(match.Groups["max"].ValueSpan, provider: null));
            }
        }

        var byId = brokers.Where(b => !b.Key.EndsWith("/bootstrap", StringComparison.Ordinal)).ToList();
        return [.. (byId.Count > 0 ? byId : brokers.ToList()).OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => new BrokerApis(b.Key, b.Value))];
    }

    private string Range(short key) => Apis.TryGetValue(key, out var range) ? $"v{range.Min}..v{range.Max}" : "not offered";

    [GeneratedRegex(@"(?<broker>\S+):\s+ApiKey (?<name>\w+) \((?<key>\d+)\) Versions (?<min>\d+)\.\.(?<max>\d+)")]
    private static partial Regex ApiLine();
}
