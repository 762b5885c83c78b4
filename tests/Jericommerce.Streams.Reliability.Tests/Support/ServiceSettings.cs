namespace Jericommerce.Streams.Reliability.Tests.Support;

/// <summary>The environment variables the tests start the services with: what an operator would set.</summary>
internal static class ServiceSettings
{
    /// <summary>
    /// The ingress in Production with the given secrets (<c>Ingress__Secrets__&lt;name&gt;</c>), a short ack
    /// timeout and the shortest Retry-After, so that senders retry quickly in tests.
    /// </summary>
    public static Dictionary<string, string> Ingress(string bootstrapServers, string rawTopic, IReadOnlyDictionary<string, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Kafka__BootstrapServers"] = bootstrapServers,
            ["Kafka__Client__reconnect.backoff.max.ms"] = "500",
            ["Ingress__RawTopic"] = rawTopic,
            ["Ingress__AckTimeout"] = "00:00:02",
            ["Ingress__RetryAfter"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Information",
        };
        foreach (var (name, secret) in secrets)
        {
            settings[$"Ingress__Secrets__{name}"] = secret;
        }

        return settings;
    }

    /// <summary>
    /// The worker on the test's topics, with quick retries, 50 records in flight per partition (a small
    /// crash-duplicate bound) and the default commit interval (200 ms).
    /// </summary>
    public static Dictionary<string, string> Worker(string bootstrapServers, ScenarioTopics topics) => new()
    {
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Kafka__BootstrapServers"] = bootstrapServers,
        ["Kafka__Client__reconnect.backoff.max.ms"] = "500",
        ["Worker__RawTopic"] = topics.Raw,
        ["Worker__DeadLetterTopic"] = topics.DeadLetter,
        ["Worker__TopicPrefix"] = topics.Prefix,
        ["Worker__GroupId"] = topics.GroupId,

        // The dev broker creates a topic when a client asks for its metadata, as jcs dev relies on.
        ["Worker__NewTopicCreation"] = "broker",
        ["Worker__MaxInFlightPerPartition"] = MaxInFlightPerPartition.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Worker__RetryBaseDelay"] = "00:00:00.050",
        ["Worker__RetryMaxDelay"] = "00:00:01",
        ["Worker__CircuitBreakDuration"] = "00:00:01",
        ["Logging__LogLevel__Default"] = "Information",
    };

    public const int MaxInFlightPerPartition = 50;

    /// <summary>The worker's default <c>Worker:CommitInterval</c>.</summary>
    public static readonly TimeSpan CommitInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>What the README allows for the commit's own round trip on a loaded machine.</summary>
    public static readonly TimeSpan CommitRoundTripAllowance = TimeSpan.FromMilliseconds(500);
}
