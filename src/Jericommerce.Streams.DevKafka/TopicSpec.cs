namespace Jericommerce.Streams.DevKafka;

/// <summary>A topic to create on the dev cluster.</summary>
public sealed record TopicSpec(string Name, int Partitions = 1, int ReplicationFactor = 1)
{
    /// <summary>Parses <c>name</c> or <c>name:partitions</c>.</summary>
    public static TopicSpec Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            return new TopicSpec(text.Trim());
        }

        var name = text[..colon].Trim();
        if (name.Length == 0 || !int.TryParse(text.AsSpan(colon + 1), out var partitions) || partitions < 1)
        {
            throw new FormatException($"Topic '{text}' is not 'name' or 'name:partitions' with partitions >= 1.");
        }

        return new TopicSpec(name, partitions);
    }
}
