using Jericommerce.Streams.Worker.Lag;
using Jericommerce.Streams.Worker.Pipeline;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jericommerce.Streams.Worker;

/// <summary>
/// Ready while partitions are assigned, or the worker waits for an assignment in its group, and in
/// either case a broker answered the lag sampler's last round (see <see cref="LagSampler.BrokerReachable"/>).
/// </summary>
internal sealed class RoutingHealthCheck(RoutingEngine engine, LagSampler sampler) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = engine.State;
        if (state is not (EngineState.Assigned or EngineState.WaitingForAssignment))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(WithLastError(state == EngineState.Starting ? "starting" : "stopped")));
        }

        if (!sampler.BrokerReachable(out var detail))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(WithLastError(detail)));
        }

        return Task.FromResult(HealthCheckResult.Healthy(
            state == EngineState.Assigned ? $"routing assigned partitions; {detail}" : $"waiting for a partition assignment; {detail}"));
    }

    private string WithLastError(string detail) => engine.LastClientError is { } error ? $"{detail}; last Kafka client error: {error}" : detail;
}
