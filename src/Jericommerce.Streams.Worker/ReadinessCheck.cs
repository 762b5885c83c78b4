using Jericommerce.Streams.Worker.Consuming;
using Jericommerce.Streams.Worker.Lag;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jericommerce.Streams.Worker;

/// <summary>
/// Ready while partitions are assigned, or the worker waits for an assignment in its group, and in
/// either case a broker answered the lag sampler's last round (see <see cref="LagSampler.BrokerReachable"/>).
/// </summary>
internal sealed class ReadinessCheck(ConsumeLoop loop, LagSampler sampler) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = loop.State;
        if (state is not (ConsumeLoopState.Assigned or ConsumeLoopState.WaitingForAssignment))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(WithLastError(state == ConsumeLoopState.Starting ? "starting" : "stopped")));
        }

        if (!sampler.BrokerReachable(out var detail))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(WithLastError(detail)));
        }

        return Task.FromResult(HealthCheckResult.Healthy(
            state == ConsumeLoopState.Assigned ? $"routing assigned partitions; {detail}" : $"waiting for a partition assignment; {detail}"));
    }

    private string WithLastError(string detail) => loop.LastClientError is { } error ? $"{detail}; last Kafka client error: {error}" : detail;
}
