using Jericommerce.Streams.SchemaRegistry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker.Registry;

/// <summary>
/// For <c>json-sr</c>, resolves every typed topic's schema id before routing starts (it is registered before the
/// routing service, and hosted services start one after the other). A refusal (subject missing with
/// <c>SchemaRegistry:AutoRegister</c> off, incompatible schema, bad credentials) stops start-up with the subject
/// named. An unreachable registry is retried for at most <c>SchemaRegistry:StartupTimeout</c> (0: not tried at
/// start-up at all); after that the worker starts anyway, and each topic's id is resolved before its first record under the produce retry pipeline, so
/// start-up never hangs and a registry outage only pauses the partitions that need it.
/// </summary>
internal sealed partial class SchemaRegistryStartup(
    TypedRecordFormat format,
    IOptions<SchemaRegistryOptions> options,
    TimeProvider time,
    ILogger<SchemaRegistryStartup> logger) : IHostedService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!format.UsesRegistry)
        {
            return;
        }

        var budget = options.Value.StartupTimeout;
        if (budget == TimeSpan.Zero)
        {
            LogDeferred(logger);
            return;
        }

        using var deadline = new CancellationTokenSource(budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var delay = FirstDelay;
        string? lastFailure = null;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await format.ResolveAllAsync(linked.Token);
                    return;
                }
                catch (SchemaRegistryUnavailableException ex)
                {
                    lastFailure = ex.Message;
                    LogUnavailable(logger, attempt, delay.TotalMilliseconds, ex.Message);
                }

                await Task.Delay(delay, time, linked.Token);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogStartingWithoutIds(logger, budget.TotalSeconds, lastFailure ?? "no answer within the time allowed");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 412, Level = LogLevel.Information, Message = "SchemaRegistry:StartupTimeout is 0: each typed topic's schema id is resolved before its first record")]
    private static partial void LogDeferred(ILogger logger);

    [LoggerMessage(EventId = 410, Level = LogLevel.Warning, Message = "Schema Registry unavailable at start-up (attempt {Attempt}); trying again in {DelayMs:F0} ms: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, int attempt, double delayMs, string reason);

    [LoggerMessage(EventId = 411, Level = LogLevel.Error, Message = "Schema Registry still unavailable after {Seconds:F0} s: starting anyway; each typed topic's schema id is resolved, with retries, before its first record ({Reason})")]
    private static partial void LogStartingWithoutIds(ILogger logger, double seconds, string reason);
}
