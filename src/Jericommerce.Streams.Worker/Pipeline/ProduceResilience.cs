using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Jericommerce.Streams.Worker.Pipeline;

/// <summary>
/// How a failed produce is retried: forever (the worker never moves past an event it has not
/// written), with exponential backoff and jitter, behind a circuit breaker that pauses
/// consumption while Kafka keeps failing and closes by itself once a trial produce succeeds.
/// </summary>
internal static partial class ProduceResilience
{
    public const string PipelineKey = "jcs-produce";

    public static void Configure(ResiliencePipelineBuilder builder, WorkerOptions options, ProduceCircuit circuit, ILogger logger)
    {
        var transient = new PredicateBuilder()
            .Handle<Exception>(ProduceFailures.IsTransient)
            .Handle<BrokenCircuitException>();

        builder
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is not BrokenCircuitException)
                    {
                        LogRetry(logger, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ProduceFailures.IsTransient),
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.CircuitBreakDuration,
                StateProvider = circuit.State,
                ManualControl = circuit.Control,
                OnOpened = args =>
                {
                    LogCircuitOpened(logger, args.BreakDuration.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    LogCircuitClosed(logger);
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    // Let a trial produce through; consumption resumes only once the circuit closes.
                    LogCircuitHalfOpen(logger);
                    return ValueTask.CompletedTask;
                },
            });
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Produce failed; retry {Attempt} in {DelayMs:F0} ms: {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, double delayMs, string? reason);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "Kafka keeps failing: circuit open, consumption paused for {Seconds:F1} s")]
    private static partial void LogCircuitOpened(ILogger logger, double seconds);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Circuit closed: consumption resumes")]
    private static partial void LogCircuitClosed(ILogger logger);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Circuit half-open: trying one produce")]
    private static partial void LogCircuitHalfOpen(ILogger logger);
}
