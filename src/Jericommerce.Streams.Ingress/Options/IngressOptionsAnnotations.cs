using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Ingress.Options;

/// <summary>The checks of single settings, from their attributes on <see cref="IngressOptions"/> and its sections (source-generated, no reflection).</summary>
[OptionsValidator]
internal sealed partial class IngressOptionsAnnotations : IValidateOptions<IngressOptions>;
