using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Jericommerce.Streams.Schemas;
using Microsoft.Extensions.Logging;

namespace Jericommerce.Streams.Worker.Routing;

/// <summary>
/// The event types outside the catalog this worker routes on their envelope alone, each to a topic of its own.
/// A type is admitted the first time an event of it passes the envelope schema, up to
/// <see cref="WorkerOptions.EnvelopeRoutingMaxTypes"/>: authenticated senders must not be able to create topics
/// without bound. Thread-safe: every partition's processor asks it.
/// </summary>
internal sealed partial class EnvelopeTypes
{
    // Slugs a topic of the pipeline's own ends in, or that would read as one, whatever the prefix.
    private static readonly string[] AlwaysReserved = ["raw", "dlq", "dead-letter", "deadletter", "envelope"];

    private readonly ConcurrentDictionary<string, RouteTarget> _admitted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RouteTarget>.AlternateLookup<ReadOnlySpan<char>> _bySlug;
    private readonly FrozenSet<string> _reservedSlugs;
    private readonly FrozenSet<string> _reservedTopics;
    private readonly Lock _admitting = new();
    private readonly EventType _envelope;
    private readonly string _topicPrefix;
    private readonly int _maxTypes;
    private readonly ILogger _logger;
    private bool _capLogged;

    public EnvelopeTypes(SchemaCatalog catalog, WorkerOptions options, ILogger logger)
    {
        _envelope = catalog.Envelope ?? throw new InvalidOperationException(
            $"Worker:EnvelopeRouting is on, but {Path.Combine(catalog.Directory, SchemaDirectory.CatalogFileName)} declares no envelope schema (\"envelope\": {{ \"schema\": ..., \"schemaVersion\": ... }}); declare one or turn envelope routing off.");
        _topicPrefix = options.TopicPrefix;
        _maxTypes = options.EnvelopeRoutingMaxTypes;
        _logger = logger;
        _bySlug = _admitted.GetAlternateLookup<ReadOnlySpan<char>>();
        _reservedSlugs = AlwaysReserved
            .Concat(new[] { options.RawTopic, options.DeadLetterTopic }.Select(LastSegment))
            .Concat(catalog.EventTypes.Select(t => t.Slug))
            .ToFrozenSet(StringComparer.Ordinal);
        _reservedTopics = catalog.EventTypes.Select(t => t.Topic)
            .Append(options.RawTopic)
            .Append(options.DeadLetterTopic)
            .ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The schema every envelope-routed event is checked against.</summary>
    public EventType Envelope => _envelope;

    /// <summary>How many types are admitted.</summary>
    public int Count => _admitted.Count;

    /// <summary>
    /// The admitted type <paramref name="header"/> names (true); else the slug it makes and may be admitted under
    /// (<paramref name="refusal"/> null), or why it may not. Admits nothing.
    /// </summary>
    public bool TryFind(string header, [NotNullWhen(true)] out RouteTarget? admitted, out string? slug, out string? refusal)
    {
        Span<char> buffer = stackalloc char[EnvelopeSlug.MaxLength * 4];
        if (!EnvelopeSlug.TryCreate(header, buffer, out var length))
        {
            admitted = null;
            slug = null;
            refusal = $"it makes no usable topic name: {EnvelopeSlug.Describe}";
            return false;
        }

        if (_bySlug.TryGetValue(buffer[..length], out admitted))
        {
            slug = null;
            refusal = null;
            return true;
        }

        slug = new string(buffer[..length]);
        var topic = $"{_topicPrefix}.{slug}.v1";
        refusal = _reservedSlugs.Contains(slug) || _reservedTopics.Contains(topic)
            ? $"its topic name '{topic}' is reserved: it would read as one of the pipeline's own topics"
            : null;
        return false;
    }

    /// <summary>Admits <paramref name="slug"/> (from <see cref="TryFind"/>) unless the cap is reached.</summary>
    public bool TryAdmit(string slug, string header, [NotNullWhen(true)] out RouteTarget? target, [NotNullWhen(false)] out string? refusal)
    {
        lock (_admitting)
        {
            if (_admitted.TryGetValue(slug, out target))
            {
                refusal = null;
                return true;
            }

            if (_admitted.Count >= _maxTypes)
            {
                if (!_capLogged)
                {
                    _capLogged = true;
                    LogCapReached(_logger, _maxTypes, EventRouter.Truncate(header, 128));
                }

                refusal = $"{_maxTypes} types outside the catalog are routed already (Worker:EnvelopeRoutingMaxTypes)";
                return false;
            }

            target = RouteTarget.ForEnvelope(slug, _topicPrefix, _envelope);
            _admitted[slug] = target;
            refusal = null;
            LogFirstSeen(_logger, EventRouter.Truncate(header, 128), slug, target.Topic, _admitted.Count, _maxTypes);
            return true;
        }
    }

    private static string LastSegment(string topic) => topic[(topic.LastIndexOf('.') + 1)..];

    [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "New event type \"{EventType}\" is not in the schema catalog: its events that pass the envelope schema go to {Topic} without a schema of their own (slug {Slug}; {Count} of at most {Max} such types). Adopt a schema with jcs schema infer and jcs schema check")]
    private static partial void LogFirstSeen(ILogger logger, string eventType, string slug, string topic, int count, int max);

    [LoggerMessage(EventId = 601, Level = LogLevel.Error, Message = "Worker:EnvelopeRoutingMaxTypes ({Max}) reached: events of further types outside the catalog, starting with \"{EventType}\", are dead-lettered as unknown-event-type")]
    private static partial void LogCapReached(ILogger logger, int max, string eventType);
}
