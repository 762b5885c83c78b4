using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Testing;

namespace Jericommerce.Streams.Cli.Tests.Support;

/// <summary>The event ids that landed in a topic, as the replay tests compare them.</summary>
internal static class LandedIds
{
    /// <summary>The event ids in <paramref name="topic"/>, read again until <paramref name="lastId"/> is among them (or 30 s passed).</summary>
    public static async Task<List<string?>> OnceLandedAsync(string bootstrapServers, string topic, string lastId, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var ids = (await TopicReader.ReadAllAsync(bootstrapServers, topic, cancellationToken)).Select(r => r.Message.Headers.GetText(RecordHeaders.EventId)).ToList();
            if (ids.Contains(lastId) || DateTime.UtcNow > deadline)
            {
                return ids;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
