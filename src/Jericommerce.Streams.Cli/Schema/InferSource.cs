using System.Globalization;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using Jericommerce.Streams.Cli.Common;
using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Cli.Schema;

/// <summary>
/// Which records of a topic are samples of the type to infer, and what that type is called: on a typed topic
/// (<c>&lt;prefix&gt;.&lt;slug&gt;.v&lt;n&gt;</c>) every record, the slug and version from its name; on any other topic (the
/// dead-letter topic) the records whose received event type matches <c>--type</c>, matched as the worker matches names.
/// </summary>
internal sealed partial class InferSource
{
    private readonly string? _normalizedType;

    private InferSource(string slug, int version, string? type)
    {
        Slug = slug;
        Version = version;
        Type = type;
        _normalizedType = type is null ? null : HeaderNameNormalizer.Normalize(type);
    }

    public string Slug { get; }

    public int Version { get; }

    /// <summary>The <c>--type</c> given, if any.</summary>
    public string? Type { get; }

    public string SchemaFileName => string.Create(CultureInfo.InvariantCulture, $"{Slug}.v{Version}.schema.json");

    public string TopicSuffix => string.Create(CultureInfo.InvariantCulture, $"{Slug}.v{Version}");

    public static InferSource For(string topic, string? type)
    {
        var typed = TypedTopic().Match(topic);
        if (type is not null)
        {
            var slug = EnvelopeSlug.Create(type) ?? throw CliException.Usage($"--type '{type}' makes no type slug: {EnvelopeSlug.Describe}");
            var version = typed.Success && typed.Groups["slug"].Value == slug ? int.Parse(typed.Groups["version"].Value, CultureInfo.InvariantCulture) : 1;
            return new InferSource(slug, version, type);
        }

        return typed.Success
            ? new InferSource(typed.Groups["slug"].Value, int.Parse(typed.Groups["version"].Value, CultureInfo.InvariantCulture), null)
            : throw CliException.Usage($"{topic} is not a typed topic (<prefix>.<slug>.v<n>): pass --type <event type> to pick that type's events (e.g. from the dead-letter topic)");
    }

    /// <summary>
    /// The event of <paramref name="record"/> when it is a sample of this type: dead letters and raw records name the type
    /// as received, typed records by slug. The value of a json-sr record comes without its 5-byte prefix.
    /// </summary>
    public ReadOnlyMemory<byte>? Sample(ConsumeResult<byte[]?, byte[]?> record)
    {
        if (record.Message.Value is not { } value)
        {
            return null;
        }

        if (_normalizedType is not null)
        {
            var headers = record.Message.Headers;
            var received = headers.GetText(RecordHeaders.EventTypeReceived);
            var matches = received is not null
                ? HeaderNameNormalizer.Normalize(received) == _normalizedType
                : headers.GetText(RecordHeaders.EventType) == Slug;
            if (!matches)
            {
                return null;
            }
        }

        // Confluent's wire format (json-sr typed topics): magic byte 0 and a 4-byte schema id before the JSON, which
        // never starts with a 0 byte.
        return value is [0, _, _, _, _, ..] ? value.AsMemory(5) : value;
    }

    [GeneratedRegex(@"^.+\.(?<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.v(?<version>[1-9][0-9]{0,3})$")]
    private static partial Regex TypedTopic();
}
