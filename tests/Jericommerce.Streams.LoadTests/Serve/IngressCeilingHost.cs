using Jericommerce.Streams.Ingress;
using Jericommerce.Streams.Ingress.Kafka;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Jericommerce.Streams.LoadTests.Serve;

/// <summary>
/// <c>serve ingress-ceiling</c>: the ingress ceiling. The very host the service builds (<c>AddIngress</c>,
/// <c>MapIngress</c>: same Kestrel settings, middleware, endpoint, signature check, key extraction, record
/// building, logging), configured the same way (environment variables), with one difference: the endpoint's
/// sink answers at once instead of producing to Kafka and awaiting the ack (<see cref="NoKafkaSink"/>). The
/// Kafka producer is still created (the readiness probe uses it) but stays idle.
/// </summary>
internal static class IngressCeilingHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddIngress();
        builder.Services.Replace(ServiceDescriptor.Singleton<IRawRecordSink, NoKafkaSink>());
        var app = builder.Build();
        app.MapIngress();
        await app.StartAsync();
        await StdinWatch.ClosedAsync();
        await app.StopAsync();
        return 0;
    }
}
