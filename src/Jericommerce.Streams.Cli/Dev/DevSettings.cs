using System.Net;

namespace Jericommerce.Streams.Cli.Dev;

/// <summary>What <c>jcs dev</c> starts, and where.</summary>
internal sealed record DevSettings
{
    public required IPEndPoint BrokerAddress { get; init; }

    public required Uri IngressUrl { get; init; }

    public required Uri WorkerUrl { get; init; }

    public required string RawTopic { get; init; }

    public required string TopicPrefix { get; init; }

    public required string DeadLetterTopic { get; init; }

    public int RawPartitions { get; init; } = 8;

    public int TypedPartitions { get; init; } = 4;

    public int DeadLetterPartitions { get; init; } = 1;

    /// <summary>The dev broker advertises no KIP-848 APIs, as a Kafka older than 4.0.</summary>
    public bool WithoutKip848 { get; init; }

    /// <summary>The services' <c>Logging:LogLevel:Default</c>.</summary>
    public string LogLevel { get; init; } = "Information";

    public required string IngressAssembly { get; init; }

    public required string WorkerAssembly { get; init; }

    /// <summary>How long the services get to become ready.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long each service gets to stop after SIGTERM before it is killed (the worker drains up to 10 s).</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
