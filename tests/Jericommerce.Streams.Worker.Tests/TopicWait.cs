namespace Jericommerce.Streams.Worker.Tests;

/// <summary>Waits for topics without asking for them by name: a metadata request naming a topic may auto-create it.</summary>
internal static class TopicWait
{
    /// <summary>Whether <paramref name="topic"/> exists, from a metadata request for all topics (which creates none).</summary>
    public static bool Exists(string bootstrapServers, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        return admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Any(t => t.Topic == topic && !t.Error.IsError);
    }

    /// <summary>Polls until <paramref name="topic"/> exists and holds at least <paramref name="expected"/> records, then reads them all.</summary>
    public static async Task<IReadOnlyList<ConsumeResult<byte[]?, byte[]?>>> ReadWhenItHoldsAsync(
        string bootstrapServers, string topic, int expected, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        await Eventually.UntilAsync(
            async token => Exists(bootstrapServers, topic) && await TopicReader.CountAsync(bootstrapServers, topic, token) >= expected,
            $"{topic} to exist and hold {expected} records",
            timeout ?? TimeSpan.FromSeconds(60),
            cancellationToken);
        return await TopicReader.ReadAllAsync(bootstrapServers, topic, cancellationToken);
    }
}
