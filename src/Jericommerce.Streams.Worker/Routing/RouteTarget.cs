using Jericommerce.Streams.Kafka;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Worker.Routing;

/// <summary>A typed topic and the contract its records are checked against: a catalog type's, or the envelope's.</summary>
internal sealed class RouteTarget
{
    private RouteTarget(string slug, string topic, EventType checkedAgainst, string contract)
    {
        Slug = slug;
        Topic = topic;
        CheckedAgainst = checkedAgainst;
        Contract = contract;
    }

    /// <summary>The type's slug: the catalog's, or the one made from the header (<see cref="EnvelopeSlug"/>).</summary>
    public string Slug { get; }

    public string Topic { get; }

    /// <summary>The schema a record must pass to be written here.</summary>
    public EventType CheckedAgainst { get; }

    /// <summary><see cref="Contracts.Full"/> or <see cref="Contracts.Envelope"/>.</summary>
    public string Contract { get; }

    public bool IsEnvelope => ReferenceEquals(Contract, Contracts.Envelope);

    public static RouteTarget ForCatalogType(EventType type) => new(type.Slug, type.Topic, type, Contracts.Full);

    /// <summary>
    /// A type outside the catalog. Its topic is named like a catalog type's at version 1 (<c>prefix.slug.v1</c>), so
    /// that adopting a schema for it under the same slug keeps its records on the same topic.
    /// </summary>
    public static RouteTarget ForEnvelope(string slug, string topicPrefix, EventType envelope) =>
        new(slug, $"{topicPrefix}.{slug}.v1", envelope, Contracts.Envelope);
}
