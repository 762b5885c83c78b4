using Jericommerce.Streams.Observability.Hosting;
using Microsoft.Extensions.Hosting;

namespace Jericommerce.Streams.Worker.Consuming;

/// <summary>Hosts the consume loop on a thread of its own: the Kafka consumer's calls block.</summary>
internal sealed partial class ConsumeLoopService(ConsumeLoop loop, IHostApplicationLifetime lifetime, ILogger<ConsumeLoopService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(
            () =>
            {
                try
                {
                    loop.Run(stoppingToken);
                }
                catch (Exception e)
                {
                    // A worker that cannot process must not linger half-alive: stop, say why in one line, and exit
                    // non-zero so that the orchestrator restarts it.
                    LogStopped(logger, ServiceRunner.Describe(e));
                    Environment.ExitCode = 1;
                    lifetime.StopApplication();
                    throw;
                }
            },
            stoppingToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    [LoggerMessage(EventId = 9, Level = LogLevel.Critical, Message = "Routing stopped: {Reason}")]
    private static partial void LogStopped(ILogger logger, string reason);
}
