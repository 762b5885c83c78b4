using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Kafka.Topology;

/// <summary>The checks of single settings, from their attributes on <see cref="TopologyOptions"/> (source-generated).</summary>
[OptionsValidator]
public sealed partial class TopologyOptionsAnnotations : IValidateOptions<TopologyOptions>;
