namespace Jericommerce.Streams.Kafka;

/// <summary>The values of the <see cref="RecordHeaders.Contract"/> header on typed records.</summary>
public static class Contracts
{
    /// <summary>The event was checked against its type's own schema from the catalog.</summary>
    public const string Full = "full";

    /// <summary>
    /// The event's type is not in the catalog: only the envelope every event shares (the base schema) was checked,
    /// and nothing inside <c>properties</c> is promised.
    /// </summary>
    public const string Envelope = "envelope";
}
