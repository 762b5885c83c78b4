namespace Jericommerce.Streams.Cli.Tests.Support;

/// <summary>The event ids that landed in a topic, as the replay tests compare them.</summary>
internal static class LandedIds
{
    /// <summary>The event ids in <paramref name="topic"/>, read again until <paramref name="lastId"/> is among them; fails after 30 s.</summary>
    public static Task<List<string?>> OnceLandedAsync(string bootstrapServers, string topic, string lastId, CancellationToken cancellationToken)
    {
        List<string?> ids = [];
        return Eventually.FoundAsync(
            async token =>
            {
                ids = (await TopicReader.ReadAllAsync(bootstrapServers, topic, token)).Select(r => r.Message.Headers.GetText(RecordHeaders.EventId)).ToList();
                return ids.Contains(lastId) ? ids : null;
            },
            () => $"{lastId} to land in {topic} (it holds {string.Join(", ", ids)})",
            TimeSpan.FromSeconds(30),
            cancellationToken);
    }
}
