using System.ComponentModel;
using Jericommerce.Streams.Observability.Hosting;

namespace Jericommerce.Streams.Worker.Routing;

/// <summary>The values of <c>Worker:NewTopicCreation</c>: who makes the topic of a type outside the catalog.</summary>
[TypeConverter(typeof(SettingEnumConverter<NewTopicCreation>))]
public enum NewTopicCreation
{
    /// <summary>The worker creates it with the AdminClient (CreateTopics), from <c>Worker:NewTopic*</c>; needs the CREATE permission.</summary>
    Admin,

    /// <summary>The broker does, on the worker's metadata request (<c>auto.create.topics.enable=true</c>; the dev broker behaves so).</summary>
    Broker,

    /// <summary>Nobody: only a topic that exists already is written to.</summary>
    Off,
}
