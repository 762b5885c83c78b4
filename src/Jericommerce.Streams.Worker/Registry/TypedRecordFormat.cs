using System.Collections.Concurrent;
using System.Collections.Frozen;
using Confluent.Kafka;
using Jericommerce.Streams.SchemaRegistry;
using Jericommerce.Streams.Schemas;
using Microsoft.Extensions.Logging;

namespace Jericommerce.Streams.Worker.Registry;

/// <summary>
/// How typed records are written: the original bytes (<c>json</c>), or the same bytes behind Confluent's 5-byte
/// prefix naming the schema registered for the topic (<c>json-sr</c>). The dead-letter topic is never framed.
/// </summary>
/// <remarks>
/// The prefix is built here instead of using Confluent's <c>JsonSerializer&lt;T&gt;</c>, which serializes an object:
/// the typed topic must carry exactly the bytes the sender signed and the router validated, not a re-serialization
/// (property order, number formats, escapes and unknown fields would be at the serializer's mercy), and parsing
/// every event into an object only to write it out again would cost for nothing. Schema ids are resolved once per
/// topic, at start-up or else before the topic's first record, and kept: a registered id never changes meaning.
/// The topic of a type outside the catalog (<see cref="AddEnvelopeTopic"/>) gets the envelope schema under its own
/// subject, registered before its first record: only with <c>SchemaRegistry:AutoRegister</c>, since a subject nobody
/// could have registered beforehand cannot be looked up.
/// </remarks>
internal sealed partial class TypedRecordFormat : IDisposable
{
    private readonly FrozenDictionary<string, TypedTopicSchema> _schemas;
    private readonly ConcurrentDictionary<string, TypedTopicSchema> _envelopeTopics = new(StringComparer.Ordinal);
    private readonly TypedTopicSchema? _envelope;
    private readonly ConcurrentDictionary<string, (byte[] Prefix, int SchemaId)> _resolved = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _resolving = new(1, 1);
    private readonly SchemaRegistrar? _registrar;
    private readonly bool _autoRegister;
    private readonly ILogger _logger;

    /// <param name="catalog">The typed topics.</param>
    /// <param name="registrar">The registry, for <c>json-sr</c>; null writes plain <c>json</c>.</param>
    /// <param name="autoRegister">Register the local schemas (true) or use the latest registered versions (false).</param>
    /// <param name="logger">Where resolved ids are reported.</param>
    /// <exception cref="SchemaCatalogException">A schema cannot be bundled for the registry; the message names the file.</exception>
    public TypedRecordFormat(SchemaCatalog catalog, SchemaRegistrar? registrar, bool autoRegister, ILogger<TypedRecordFormat> logger)
    {
        _registrar = registrar;
        _autoRegister = autoRegister;
        _logger = logger;
        _schemas = registrar is null
            ? FrozenDictionary<string, TypedTopicSchema>.Empty
            : TypedTopicSchema.ForCatalog(catalog).ToFrozenDictionary(s => s.Topic, StringComparer.Ordinal);

        // Bundled once, at start-up like the catalog's: a broken envelope schema stops the worker, not a first event. A
        // template under no real topic; each envelope-routed topic gets a copy under its own subject.
        _envelope = registrar is not null && autoRegister && catalog.Envelope is not null
            ? TypedTopicSchema.ForEnvelope(catalog, SchemaCatalog.EnvelopeSlug)
            : null;
    }

    /// <summary>
    /// Whether a type outside the catalog can have a topic here: always with <c>json</c>; with <c>json-sr</c> only when
    /// the worker may register its subject (<c>SchemaRegistry:AutoRegister</c>).
    /// </summary>
    public bool AcceptsEnvelopeTopics => _registrar is null || _envelope is not null;

    /// <summary>True for <c>json-sr</c>.</summary>
    public bool UsesRegistry => _registrar is not null;

    /// <summary>The schema of every typed topic (empty for <c>json</c>).</summary>
    public IEnumerable<TypedTopicSchema> Schemas => _schemas.Values;

    /// <summary>
    /// Makes <paramref name="topic"/>, the topic of a type outside the catalog, a typed topic framed with the envelope
    /// schema's id under <c>&lt;topic&gt;-value</c>, resolved before its first record (see <see cref="PrepareAsync"/>).
    /// Nothing to do with <c>json</c>; repeating it changes nothing.
    /// </summary>
    public void AddEnvelopeTopic(string topic)
    {
        if (_envelope is not null && !_schemas.ContainsKey(topic))
        {
            _envelopeTopics.GetOrAdd(topic, static (t, envelope) => envelope.WithTopic(t), _envelope);
        }
    }

    /// <summary>The schema id <paramref name="topic"/>'s records carry, once resolved.</summary>
    public bool TryGetSchemaId(string topic, out int schemaId)
    {
        var found = _resolved.TryGetValue(topic, out var resolved);
        schemaId = resolved.SchemaId;
        return found;
    }

    /// <summary>
    /// The record to write to <paramref name="topic"/>: <paramref name="message"/> itself, or for a typed topic in
    /// <c>json-sr</c> a copy whose value is the prefix followed by the original value, byte for byte.
    /// </summary>
    /// <exception cref="SchemaIdNotResolvedException">The topic's schema id is not known yet: <see cref="PrepareAsync"/>, then write again.</exception>
    public Message<byte[]?, byte[]?> Frame(string topic, Message<byte[]?, byte[]?> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!TryFind(topic, out var schema) || message.Value is null)
        {
            return message;
        }

        if (!_resolved.TryGetValue(topic, out var resolved))
        {
            throw new SchemaIdNotResolvedException(
                $"The schema id of subject '{schema.Subject}' is not known yet (a new topic, or the Schema Registry could not be reached at start-up); the record is written again once it is.");
        }

        return new Message<byte[]?, byte[]?>
        {
            Key = message.Key,
            Value = ConfluentWireFormat.Frame(resolved.Prefix, message.Value),
            Headers = message.Headers,
            Timestamp = message.Timestamp,
        };
    }

    /// <summary>Resolves <paramref name="topic"/>'s schema id if it is a typed topic whose id is not known yet; else nothing.</summary>
    /// <exception cref="SchemaRegistryUnavailableException">No usable answer: retry.</exception>
    /// <exception cref="SchemaRegistrationException">The registry refused the subject: the worker cannot go on.</exception>
    public Task PrepareAsync(string topic, CancellationToken cancellationToken) =>
        TryFind(topic, out var schema) && !_resolved.ContainsKey(topic) ? ResolveAsync(schema, cancellationToken) : Task.CompletedTask;

    private bool TryFind(string topic, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TypedTopicSchema? schema) =>
        _schemas.TryGetValue(topic, out schema) || _envelopeTopics.TryGetValue(topic, out schema);

    /// <summary>Resolves every typed topic's schema id not known yet, in catalog order.</summary>
    /// <inheritdoc cref="PrepareAsync" path="/exception"/>
    public async Task ResolveAllAsync(CancellationToken cancellationToken)
    {
        foreach (var schema in _schemas.Values)
        {
            if (!_resolved.ContainsKey(schema.Topic))
            {
                await ResolveAsync(schema, cancellationToken);
            }
        }
    }

    public void Dispose() => _resolving.Dispose();

    private async Task ResolveAsync(TypedTopicSchema schema, CancellationToken cancellationToken)
    {
        // One at a time: several partitions waiting on the same topic need one registration, not one each.
        await _resolving.WaitAsync(cancellationToken);
        try
        {
            if (_resolved.ContainsKey(schema.Topic))
            {
                return;
            }

            SchemaRegistration registration;
            try
            {
                registration = _autoRegister
                    ? await _registrar!.RegisterAsync(schema, cancellationToken)
                    : await _registrar!.ResolveLatestAsync(schema, cancellationToken);
            }
            catch (SchemaRegistrationException ex)
            {
                throw new SchemaRegistrationException(ex.Subject ?? schema.Subject, ex.Failure, $"{ex.Message} {Advice(ex.Failure)}", ex);
            }

            _resolved[schema.Topic] = (ConfluentWireFormat.Prefix(registration.SchemaId), registration.SchemaId);
            LogResolved(_logger, schema.Topic, registration.SchemaId, registration.Subject, registration.Version, registration.Resolution);
        }
        finally
        {
            _resolving.Release();
        }
    }

    private string Advice(SchemaRegistrationFailure failure) => failure switch
    {
        SchemaRegistrationFailure.NotRegistered when !_autoRegister =>
            "SchemaRegistry:AutoRegister is false: register the typed topics' schemas first (jcs schemas register), or turn it on.",
        SchemaRegistrationFailure.Incompatible =>
            "A change the subject's compatibility level refuses needs a new major version (a new typed topic), or an agreed change of that level.",
        SchemaRegistrationFailure.Unauthorized => "Check SchemaRegistry:BasicAuthUserInfo and the account's permissions on the subject.",
        _ => "The worker writes no typed record it cannot label.",
    };

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Typed topic {Topic} is written as json-sr with schema id {SchemaId} (subject {Subject}, version {Version}, {Resolution})")]
    private static partial void LogResolved(ILogger logger, string topic, int schemaId, string subject, int version, SchemaResolution resolution);
}
