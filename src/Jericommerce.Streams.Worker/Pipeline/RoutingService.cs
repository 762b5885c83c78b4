using Microsoft.Extensions.Hosting;

namespace Jericommerce.Streams.Worker.Pipeline;

/// <summary>Hosts the consume loop on a thread of its own: the Kafka consumer's calls block.</summary>
internal sealed class RoutingService(RoutingEngine engine, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(
            () =>
            {
                try
                {
                    engine.Run(stoppingToken);
                }
                catch
                {
                    // A worker that cannot route must not linger half-alive: stop, let the orchestrator restart it.
                    lifetime.StopApplication();
                    throw;
                }
            },
            stoppingToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
}
