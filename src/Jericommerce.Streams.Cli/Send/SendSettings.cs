namespace Jericommerce.Streams.Cli.Send;

/// <summary>What a <c>jcs send</c> run sends and how fast.</summary>
internal sealed record SendSettings
{
    public required IReadOnlyList<EventTemplate> Templates { get; init; }

    public required int Count { get; init; }

    /// <summary>Requests per second; 0 sends as fast as the concurrency allows.</summary>
    public double Rate { get; init; }

    public int Concurrency { get; init; } = 1;

    /// <summary>Share of requests that re-send an earlier event unchanged.</summary>
    public double DuplicateFraction { get; init; }

    /// <summary>Share of requests whose event breaks its schema.</summary>
    public double InvalidFraction { get; init; }

    /// <summary>Give each new event a fresh id and createdAt (else send the template's bytes as they are).</summary>
    public bool FreshIds { get; init; } = true;

    /// <summary>Spread events over this many simulated customer ids (0 keeps the template's).</summary>
    public int Customers { get; init; }

    public required string Secret { get; init; }

    public SignatureEncoding Encoding { get; init; } = SignatureEncoding.Base64;

    public int Seed { get; init; } = Environment.TickCount;
}
