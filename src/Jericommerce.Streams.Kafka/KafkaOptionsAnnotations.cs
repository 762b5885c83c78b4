using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Kafka;

/// <summary>The checks of single settings, from their attributes on <see cref="KafkaOptions"/> (source-generated, no reflection).</summary>
[OptionsValidator]
public sealed partial class KafkaOptionsAnnotations : IValidateOptions<KafkaOptions>;
