using Confluent.Kafka;

namespace Jericommerce.Streams.Worker.Group;

/// <summary>
/// Which consumer group protocol the worker uses, from <c>Worker:GroupProtocol</c> and what the brokers offer:
/// <c>auto</c> takes KIP-848 (<c>consumer</c>) where every broker seen offers it and the classic protocol otherwise
/// (every Kafka, and every Kafka-compatible service, speaks classic); an explicit <c>consumer</c> on a broker without
/// it is refused at start-up, because such a worker would wait for an assignment that never comes.
/// </summary>
internal sealed record GroupProtocolDecision(GroupProtocol Protocol, string Reason, string? Refusal)
{
    private const string Missing = "no ConsumerGroupHeartbeat (API key 68): a Kafka older than 4.0, or a Kafka-compatible service without KIP-848";

    public static GroupProtocolDecision Decide(GroupProtocolChoice setting, IReadOnlyList<BrokerApis> brokers)
    {
        ArgumentNullException.ThrowIfNull(brokers);
        if (setting == GroupProtocolChoice.Classic)
        {
            return new(GroupProtocol.Classic, "Worker:GroupProtocol=classic", null);
        }

        var without = brokers.Where(b => !b.OffersKip848).ToList();
        if (setting == GroupProtocolChoice.Consumer)
        {
            return without.Count == 0
                ? new(GroupProtocol.Consumer, brokers.Count == 0 ? "Worker:GroupProtocol=consumer (no broker answered the check at start-up)" : "Worker:GroupProtocol=consumer", null)
                : new(GroupProtocol.Consumer, "", $"Worker:GroupProtocol (Worker__GroupProtocol) is 'consumer' (KIP-848), but the broker offers {Missing}. Seen: {string.Join("; ", without.Select(b => b.Describe()))}. Set it to 'auto' or 'classic'.");
        }

        if (brokers.Count == 0)
        {
            return new(GroupProtocol.Classic, "Worker:GroupProtocol=auto, and no broker answered the check at start-up: classic works on every broker", null);
        }

        return without.Count == 0
            ? new(GroupProtocol.Consumer, $"Worker:GroupProtocol=auto, and every broker seen offers KIP-848 ({string.Join("; ", brokers.Select(b => b.Describe()))})", null)
            : new(GroupProtocol.Classic, $"Worker:GroupProtocol=auto, and {without[0].Broker} offers {Missing} ({string.Join("; ", without.Select(b => b.Describe()))})", null);
    }
}
