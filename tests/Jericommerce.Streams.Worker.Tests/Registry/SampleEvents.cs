using System.Text;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Worker.Tests.Registry;

/// <summary>One valid event of each type, written the way a sender might (indented, escapes, odd numbers), so a re-serialization would show.</summary>
internal static class SampleEvents
{
    /// <summary>(event-type header, body) for every valid example file, each with a fresh id.</summary>
    public static List<(string EventType, string Id, byte[] Body)> OneOfEachType()
    {
        var events = new List<(string, string, byte[])>();
        foreach (var type in PipelineTopics.Catalog.EventTypes)
        {
            var id = $"evt-{type.Slug}-{Guid.NewGuid():N}";
            var text = Encoding.UTF8.GetString(RawEvents.Example($"{type.Slug}.valid.json"));
            var body = WithId(text, id);
            events.Add((type.HeaderNames[0], id, Encoding.UTF8.GetBytes(body)));
        }

        return events;
    }

    /// <summary>Sends <see cref="OneOfEachType"/> to the raw topic, each with its type's header; returns what it sent.</summary>
    public static async Task<List<(string EventType, string Id, byte[] Body)>> SendOneOfEachTypeAsync(string bootstrapServers, string rawTopic, CancellationToken cancellationToken)
    {
        var events = OneOfEachType();
        using var raw = new RawEvents(bootstrapServers, rawTopic);
        foreach (var (eventType, _, body) in events)
        {
            await raw.SendAsync(body, eventType, cancellationToken: cancellationToken);
        }

        return events;
    }

    /// <summary>The example's text with its one "id" replaced and, first, two unknown fields no serializer would write back alike.</summary>
    private static string WithId(string exampleText, string id)
    {
        var replaced = System.Text.RegularExpressions.Regex.Replace(exampleText, "\"id\"\\s*:\\s*\"[^\"]*\"", $"\"id\": \"{id}\"");
        var open = replaced.IndexOf('{', StringComparison.Ordinal);
        const string OddFields = """

              "x-note" : "caf\u00e9 \/ d\u00e9j\u00e0",   "x-amount":1.50E+2,
            """;
        return replaced[..(open + 1)] + OddFields + replaced[(open + 1)..];
    }

    public static EventType TypeOf(string topic) => PipelineTopics.Catalog.EventTypes.Single(t => topic.EndsWith("." + t.TopicSuffix, StringComparison.Ordinal));
}
