using Jericommerce.Streams.Worker.Pipeline;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jericommerce.Streams.Worker;

/// <summary>Ready while partitions are assigned, or the worker waits for an assignment in its group.</summary>
internal sealed class RoutingHealthCheck(RoutingEngine engine) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(engine.State switch
        {
            EngineState.Assigned => HealthCheckResult.Healthy("routing assigned partitions"),
            EngineState.WaitingForAssignment => HealthCheckResult.Healthy("waiting for a partition assignment"),
            EngineState.Starting => HealthCheckResult.Unhealthy("starting"),
            _ => HealthCheckResult.Unhealthy("stopped"),
        });
}
