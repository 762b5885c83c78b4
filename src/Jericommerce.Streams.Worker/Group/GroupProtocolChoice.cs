using System.ComponentModel;
using Jericommerce.Streams.Observability.Hosting;

namespace Jericommerce.Streams.Worker.Group;

/// <summary>The values of <c>Worker:GroupProtocol</c>: which consumer group protocol the worker asks for.</summary>
[TypeConverter(typeof(SettingEnumConverter<GroupProtocolChoice>))]
public enum GroupProtocolChoice
{
    /// <summary>KIP-848 where every broker offers it, classic otherwise: decided at start-up.</summary>
    Auto,

    /// <summary>KIP-848 (Kafka 4+); the worker refuses to start on a broker without it.</summary>
    Consumer,

    /// <summary>The classic protocol, which every broker offers.</summary>
    Classic,
}
