namespace Jericommerce.Streams.Kafka;

/// <summary>
/// The default topic names, one place for the ingress's and the worker's options and for <c>jcs</c>'s flags. The typed
/// topics' prefix belongs to the schema catalog, which names them (<c>SchemaCatalog.DefaultTopicPrefix</c>).
/// </summary>
public static class TopicDefaults
{
    /// <summary>Where the ingress writes every accepted webhook (<c>Ingress:RawTopic</c>, <c>Worker:RawTopic</c>).</summary>
    public const string Raw = "jericommerce.raw";

    /// <summary>Where the worker writes what it cannot route, with the reason (<c>Worker:DeadLetterTopic</c>).</summary>
    public const string DeadLetter = "jericommerce.dlq";

    /// <summary>Where the ingress keeps unsigned requests while onboarding (<c>Ingress:Quarantine:Topic</c>).</summary>
    public const string Quarantine = "jericommerce.quarantine";
}
