using System.Globalization;
using System.Text;

namespace Jericommerce.Streams.Testing;

/// <summary>
/// One scrape of a <c>/metrics</c> endpoint in the Prometheus text format (0.0.4), parsed into
/// samples, the way Prometheus would read it. Lines it cannot parse fail the scrape.
/// </summary>
public sealed class MetricsScrape
{
    private readonly Dictionary<string, string> _types;

    private MetricsScrape(string text, IReadOnlyList<MetricSample> samples, Dictionary<string, string> types)
    {
        Text = text;
        Samples = samples;
        _types = types;
    }

    public string Text { get; }

    public IReadOnlyList<MetricSample> Samples { get; }

    /// <summary>Every metric family named by a <c># TYPE</c> line.</summary>
    public IReadOnlyCollection<string> Families => _types.Keys;

    public static async Task<MetricsScrape> GetAsync(HttpClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET /metrics answered {(int)response.StatusCode}: {text}");
        }

        if (response.Content.Headers.ContentType?.MediaType != "text/plain")
        {
            throw new InvalidOperationException($"GET /metrics answered {response.Content.Headers.ContentType}, not the Prometheus text format.");
        }

        return Parse(text);
    }

    /// <summary>
    /// Scrapes until <paramref name="condition"/> holds, and returns that scrape; fails with the
    /// last scrape's text after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<MetricsScrape> WaitForAsync(HttpClient client, Func<MetricsScrape, bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        MetricsScrape? last = null;
        return await Eventually.FoundAsync(
            async token =>
            {
                last = await GetAsync(client, token);
                return condition(last) ? last : null;
            },
            () => $"{what}. Last scrape:\n{last?.Text ?? "(none answered)"}",
            timeout,
            cancellationToken);
    }

    public static MetricsScrape Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<MetricSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line["# TYPE ".Length..].Split(' ', 2);
                types[parts[0]] = parts.Length > 1 ? parts[1] : "";
                continue;
            }

            if (line[0] == '#')
            {
                continue;
            }

            samples.Add(ParseSample(line));
        }

        return new MetricsScrape(text, samples, types);
    }

    /// <summary>The <c># TYPE</c> of a family (<c>counter</c>, <c>gauge</c>, <c>histogram</c>), or null.</summary>
    public string? TypeOf(string family) => _types.GetValueOrDefault(family);

    /// <summary>The samples called <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    public IReadOnlyList<MetricSample> Find(string name, params (string Label, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value)).ToList();

    /// <summary>The one sample's value; throws when there is none or several.</summary>
    public double Value(string name, params (string Label, string Value)[] labels)
    {
        var found = Find(name, labels);
        return found.Count == 1
            ? found[0].Value
            : throw new InvalidOperationException($"{found.Count} samples of {name}{{{string.Join(",", labels.Select(l => $"{l.Label}=\"{l.Value}\""))}}} in:\n{Text}");
    }

    /// <summary>The one sample's value, or null when there is none.</summary>
    public double? ValueOrNull(string name, params (string Label, string Value)[] labels) =>
        Find(name, labels) is [var only] ? only.Value : null;

    /// <summary>The matching samples added up (0 when there is none).</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) => Find(name, labels).Sum(s => s.Value);

    private static MetricSample ParseSample(string line)
    {
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        string name;
        string rest;
        if (brace >= 0 && (space < 0 || brace < space))
        {
            name = line[..brace];
            var end = ParseLabels(line, brace + 1, labels);
            rest = line[(end + 1)..];
        }
        else
        {
            name = line[..space];
            rest = line[space..];
        }

        var value = rest.Trim().Split(' ')[0];
        return new MetricSample(name, labels, value switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Reads <c>k="v",...</c> from <paramref name="start"/>; returns the index of the closing brace.</summary>
    private static int ParseLabels(string line, int start, Dictionary<string, string> labels)
    {
        var i = start;
        while (line[i] != '}')
        {
            var equals = line.IndexOf('=', i);
            var key = line[i..equals].Trim();
            i = equals + 1;
            if (line[i] != '"')
            {
                throw new FormatException($"Label {key} has no quoted value: {line}");
            }

            var value = new StringBuilder();
            for (i++; line[i] != '"'; i++)
            {
                if (line[i] == '\\')
                {
                    i++;
                    value.Append(line[i] == 'n' ? '\n' : line[i]);
                }
                else
                {
                    value.Append(line[i]);
                }
            }

            labels[key] = value.ToString();
            i++;
            if (line[i] == ',')
            {
                i++;
            }
        }

        return i;
    }
}
