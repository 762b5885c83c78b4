using Confluent.SchemaRegistry;
using Jericommerce.Streams.Observability.Hosting;
using Jericommerce.Streams.SchemaRegistry;
using Jericommerce.Streams.Schemas;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker.Registry;

/// <summary>The typed-record format's wiring: settings, the registry client (only built for <c>json-sr</c>), the start-up resolution.</summary>
internal static class RegistryServiceCollectionExtensions
{
    /// <summary>Call before the routing service is added: the start-up resolution must run before routing starts.</summary>
    public static IServiceCollection AddTypedRecordFormat(this IServiceCollection services)
    {
        services.AddValidatedSettings<SchemaRegistryOptions, SchemaRegistryOptionsAnnotations>(SchemaRegistryOptions.SectionName)
            .AlsoValidatedBy<SchemaRegistryOptions, SchemaRegistryOptionsValidator>();
        services.AddSingleton(sp => SchemaRegistryClientFactory.Create(sp.GetRequiredService<IOptions<SchemaRegistryOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var registry = sp.GetRequiredService<IOptions<SchemaRegistryOptions>>().Value;
            var usesRegistry = sp.GetRequiredService<IOptions<WorkerOptions>>().Value.TypedFormat == TypedFormat.JsonSr;
            return new TypedRecordFormat(
                sp.GetRequiredService<SchemaCatalog>(),
                usesRegistry ? new SchemaRegistrar(sp.GetRequiredService<ISchemaRegistryClient>()) : null,
                registry.AutoRegister,
                sp.GetRequiredService<ILogger<TypedRecordFormat>>());
        });
        services.AddHostedService<SchemaRegistryStartup>();
        return services;
    }
}
