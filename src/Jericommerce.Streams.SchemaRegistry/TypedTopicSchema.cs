using Confluent.SchemaRegistry;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.SchemaRegistry;

/// <summary>
/// What the Schema Registry holds for one typed topic: the event type's schema from the catalog, bundled into one
/// self-contained JSON Schema (see <see cref="SchemaBundler"/>), under the subject <c>&lt;topic&gt;-value</c>
/// (Confluent's TopicNameStrategy, the default of its serializers, Kafka Connect, ksqlDB and Flink). A type outside the
/// catalog, routed on its envelope to a topic of its own, has the envelope schema under that topic's subject
/// (<see cref="ForEnvelope"/>): when its own schema is adopted later, under the same slug and so the same topic and
/// subject, the registry's compatibility rules decide whether it may follow.
/// </summary>
public sealed class TypedTopicSchema
{
    /// <summary>Appended to a topic name to make its value subject.</summary>
    public const string ValueSubjectSuffix = "-value";

    private TypedTopicSchema(EventType eventType, string topic, string schemaText)
    {
        EventType = eventType;
        Topic = topic;
        Subject = topic + ValueSubjectSuffix;
        SchemaText = schemaText;
    }

    /// <summary>The type whose schema this is: a catalog type, or for an envelope-routed topic the catalog's envelope.</summary>
    public EventType EventType { get; }

    /// <summary>The typed topic, e.g. <c>jericommerce.wallet-click.v1</c>.</summary>
    public string Topic { get; }

    /// <summary>The subject, e.g. <c>jericommerce.wallet-click.v1-value</c>.</summary>
    public string Subject { get; }

    /// <summary>The bundled schema, compact JSON: what is registered.</summary>
    public string SchemaText { get; }

    /// <summary>The schema of every typed topic of <paramref name="catalog"/>, in catalog order.</summary>
    /// <exception cref="SchemaCatalogException">A schema cannot be bundled; the message names the file.</exception>
    public static IReadOnlyList<TypedTopicSchema> ForCatalog(SchemaCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.EventTypes.Select(type => For(catalog, type)).ToList().AsReadOnly();
    }

    /// <summary>The schema of <paramref name="eventType"/>'s typed topic.</summary>
    /// <exception cref="SchemaCatalogException">The schema cannot be bundled; the message names the file.</exception>
    public static TypedTopicSchema For(SchemaCatalog catalog, EventType eventType)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(eventType);
        return new TypedTopicSchema(eventType, eventType.Topic, SchemaBundler.Bundle(catalog.Directory, eventType.SchemaFile));
    }

    /// <summary>The schema of <paramref name="topic"/>, the topic of a type outside the catalog routed on its envelope: the envelope schema, bundled.</summary>
    /// <exception cref="InvalidOperationException">The catalog declares no envelope schema.</exception>
    /// <exception cref="SchemaCatalogException">The envelope schema cannot be bundled; the message names the file.</exception>
    public static TypedTopicSchema ForEnvelope(SchemaCatalog catalog, string topic)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        var envelope = catalog.Envelope ?? throw new InvalidOperationException($"The catalog in {catalog.Directory} declares no envelope schema.");
        return new TypedTopicSchema(envelope, topic, SchemaBundler.Bundle(catalog.Directory, envelope.SchemaFile));
    }

    /// <summary>The same schema under another envelope-routed topic's subject (the bundle is made once).</summary>
    public TypedTopicSchema WithTopic(string topic)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        return new TypedTopicSchema(EventType, topic, SchemaText);
    }

    /// <summary>A new Confluent <see cref="Schema"/> (type JSON, no references) for the client's calls.</summary>
    public Schema ToRegistrySchema() => new(SchemaText, [], SchemaType.Json);

    public override string ToString() => Subject;
}
