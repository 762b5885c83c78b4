using System.Text.Json;

namespace Jericommerce.Streams.Cli.Send;

/// <summary>What one webhook got back: an HTTP answer, or a transport failure (no answer at all).</summary>
internal sealed record WebhookOutcome(int? StatusCode, string ResponseBody, TimeSpan Latency, string? Failure)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>The status as reported: <c>202</c>, or the transport failure (<c>connection-refused</c>, <c>timeout</c>...).</summary>
    public string Label => StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Failure ?? "no-answer";

    /// <summary>Where the ingress stored the event, from a 202 body (<c>{"topic","partition","offset"}</c>).</summary>
    public RawLocation? StoredAt()
    {
        if (!IsSuccess)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(ResponseBody);
            var root = document.RootElement;
            return root.TryGetProperty("topic", out var topic) && root.TryGetProperty("partition", out var partition) && root.TryGetProperty("offset", out var offset)
                ? new RawLocation(topic.GetString() ?? "", partition.GetInt32(), offset.GetInt64())
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The problem name of a refusal (<c>signature-mismatch</c>...), from the RFC 9457 body's <c>type</c>.</summary>
    public string? ProblemName()
    {
        try
        {
            using var document = JsonDocument.Parse(ResponseBody);
            return document.RootElement.TryGetProperty("type", out var type) && type.GetString() is { } uri
                ? uri[(uri.LastIndexOf(':') + 1)..]
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
