using Jericommerce.Streams.SchemaRegistry;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker.Registry;

/// <summary>The checks of single settings, from their attributes on <see cref="SchemaRegistryOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class SchemaRegistryOptionsAnnotations : IValidateOptions<SchemaRegistryOptions>;
