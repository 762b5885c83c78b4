using Confluent.SchemaRegistry;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.SchemaRegistry;

/// <summary>
/// What the Schema Registry holds for one typed topic: the event type's schema from the catalog, bundled into one
/// self-contained JSON Schema (see <see cref="SchemaBundler"/>), under the subject <c>&lt;topic&gt;-value</c>
/// (Confluent's TopicNameStrategy, the default of its serializers, Kafka Connect, ksqlDB and Flink).
/// </summary>
public sealed class TypedTopicSchema
{
    /// <summary>Appended to a topic name to make its value subject.</summary>
    public const string ValueSubjectSuffix = "-value";

    private TypedTopicSchema(EventType eventType, string schemaText)
    {
        EventType = eventType;
        Subject = eventType.Topic + ValueSubjectSuffix;
        SchemaText = schemaText;
    }

    public EventType EventType { get; }

    /// <summary>The typed topic, e.g. <c>jericommerce.wallet-click.v1</c>.</summary>
    public string Topic => EventType.Topic;

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
        return new TypedTopicSchema(eventType, SchemaBundler.Bundle(catalog.Directory, eventType.SchemaFile));
    }

    /// <summary>A new Confluent <see cref="Schema"/> (type JSON, no references) for the client's calls.</summary>
    public Schema ToRegistrySchema() => new(SchemaText, [], SchemaType.Json);

    public override string ToString() => Subject;
}
