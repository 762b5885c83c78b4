using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker;

/// <summary>The checks of single settings, from their attributes on <see cref="WorkerOptions"/> (source-generated, no reflection).</summary>
[OptionsValidator]
internal sealed partial class WorkerOptionsAnnotations : IValidateOptions<WorkerOptions>;
