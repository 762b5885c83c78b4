using Jericommerce.Streams.Observability.Hosting;
using Jericommerce.Streams.SchemaRegistry;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker.Registry;

/// <summary>With <c>Worker:TypedFormat</c> = <c>json-sr</c>, the registry settings must be usable; otherwise they are not read.</summary>
internal sealed class SchemaRegistryOptionsValidator(IOptions<WorkerOptions> worker) : IValidateOptions<SchemaRegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, SchemaRegistryOptions options)
    {
        if (worker.Value.TypedFormat != TypedFormat.JsonSr)
        {
            return ValidateOptionsResult.Success;
        }

        var problems = SchemaRegistryOptionsCheck.Problems(options, urlRequired: true, $"when Worker:TypedFormat is '{SettingEnumConverter<TypedFormat>.Text(TypedFormat.JsonSr)}'");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
