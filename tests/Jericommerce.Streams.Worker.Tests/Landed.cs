using System.Text;
using System.Text.Json.Nodes;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>Everything the worker wrote: typed records and dead letters, to account for by event id.</summary>
internal sealed class Landed
{
    public required IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> Typed { get; init; }

    public required IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> DeadLetters { get; init; }

    public int Total => Typed.Count + DeadLetters.Count;

    /// <summary>Waits until at least <paramref name="expected"/> records have landed (typed and DLQ together), then reads them all; fails at the timeout.</summary>
    public static async Task<Landed> WaitForAsync(string bootstrap, PipelineTopics topics, int expected, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var outputs = topics.Typed.Append(topics.DeadLetter).ToList();
        var count = 0L;
        await Eventually.UntilAsync(
            async token => (count = await TopicReader.CountAsync(bootstrap, outputs, token)) >= expected,
            () => $"{expected} records in the typed topics and the DLQ together ({count} there)",
            timeout ?? TimeSpan.FromSeconds(60),
            cancellationToken);

        var all = await TopicReader.ReadAllAsync(bootstrap, outputs, cancellationToken);
        return new Landed
        {
            Typed = all.Where(r => r.Topic != topics.DeadLetter).ToList(),
            DeadLetters = all.Where(r => r.Topic == topics.DeadLetter).ToList(),
        };
    }

    public static string? IdOf(ConsumeResult<byte[]?, byte[]?> record) => IdOf(record.Message.Value);

    public static string? IdOf(byte[]? body)
    {
        try
        {
            return body is null ? null : JsonNode.Parse(body)?["id"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    public static string Header(ConsumeResult<byte[]?, byte[]?> record, string key) =>
        record.Message.Headers.GetText(key) ?? throw new Xunit.Sdk.XunitException($"header {key} missing");

    public static string Text(byte[]? bytes) => bytes is null ? "<null>" : Encoding.UTF8.GetString(bytes);
}
