using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Jericommerce.Streams.Cli.Send;

/// <summary>What a <c>jcs send</c> run did: how many of each kind, the answers by status, latency, throughput.</summary>
internal sealed record SendReport
{
    public required Uri Url { get; init; }

    public required int Planned { get; init; }

    public required int Sent { get; init; }

    public required TimeSpan Duration { get; init; }

    public required int Concurrency { get; init; }

    public required double TargetRate { get; init; }

    public required IReadOnlyDictionary<RequestKind, int> Kinds { get; init; }

    /// <summary>Answers by status code, or by transport failure name when there was no answer.</summary>
    public required IReadOnlyDictionary<string, int> Statuses { get; init; }

    public required LatencySummary Latency { get; init; }

    public int Accepted => Statuses.Where(s => s.Key.Length == 3 && s.Key[0] == '2').Sum(s => s.Value);

    public double AchievedRate => Duration > TimeSpan.Zero ? Sent / Duration.TotalSeconds : 0;

    public string ToText()
    {
        var text = new StringBuilder();
        var rate = TargetRate > 0 ? $", target {TargetRate:0.##} req/s" : "";
        text.Append(CultureInfo.InvariantCulture, $"sent {Sent} request{(Sent == 1 ? "" : "s")} to {Url} in {Duration.TotalSeconds:0.00} s ({AchievedRate:0.0} req/s, concurrency {Concurrency}{rate})").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"  events:  {Count(RequestKind.New)} new, {Count(RequestKind.Invalid)} invalid, {Count(RequestKind.Duplicate)} duplicate").AppendLine();
        text.Append("  status:  ").AppendJoin(", ", Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} x {s.Value}")).AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"  latency: p50 {Latency.P50:0.0} ms, p90 {Latency.P90:0.0} ms, p99 {Latency.P99:0.0} ms, max {Latency.Max:0.0} ms");
        return text.ToString();
    }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("url", Url.ToString());
            json.WriteNumber("planned", Planned);
            json.WriteNumber("sent", Sent);
            json.WriteNumber("accepted", Accepted);
            json.WriteNumber("durationSeconds", Math.Round(Duration.TotalSeconds, 3));
            json.WriteNumber("ratePerSecond", Math.Round(AchievedRate, 1));
            json.WriteNumber("concurrency", Concurrency);
            json.WriteStartObject("events");
            json.WriteNumber("new", Count(RequestKind.New));
            json.WriteNumber("invalid", Count(RequestKind.Invalid));
            json.WriteNumber("duplicate", Count(RequestKind.Duplicate));
            json.WriteEndObject();
            json.WriteStartObject("statuses");
            foreach (var (status, count) in Statuses.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                json.WriteNumber(status, count);
            }

            json.WriteEndObject();
            json.WriteStartObject("latencyMs");
            json.WriteNumber("p50", Math.Round(Latency.P50, 3));
            json.WriteNumber("p90", Math.Round(Latency.P90, 3));
            json.WriteNumber("p99", Math.Round(Latency.P99, 3));
            json.WriteNumber("max", Math.Round(Latency.Max, 3));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private int Count(RequestKind kind) => Kinds.GetValueOrDefault(kind);
}
