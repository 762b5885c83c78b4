using Jericommerce.Streams.Worker.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace Jericommerce.Streams.Worker.Tests.Consuming;

/// <summary>The produce retries and circuit breaker on a fake clock: what the consume loop reads to hold consumption.</summary>
public sealed class ProduceCircuitTests
{
    private static readonly KafkaException BrokerDown = new(new Error(ErrorCode.Local_AllBrokersDown, "all brokers down"));

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    private readonly FakeTimeProvider _time = new();
    private readonly ProduceCircuit _circuit = new();
    private readonly ResiliencePipeline _pipeline;
    private bool _kafkaDown = true;
    private int _attempts;

    public ProduceCircuitTests()
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time };
        var options = new WorkerOptions
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(100),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
            CircuitBreakDuration = TimeSpan.FromSeconds(5),
        };
        ProduceResilience.Configure(builder, options, _circuit, NullLogger.Instance);
        _pipeline = builder.Build();
    }

    [Fact]
    public async Task ProduceKeepsFailing_OpensTheCircuit_AndKeepsItOpenForTheBreakDuration()
    {
        var produce = ProduceAsync(TestContext.Current.CancellationToken);

        await AdvanceUntilAsync(() => _circuit.IsOpen);
        var attemptsWhenOpened = _attempts;
        await AdvanceByAsync(TimeSpan.FromSeconds(4.5));

        Assert.True(_circuit.IsOpen);
        Assert.Equal(attemptsWhenOpened, _attempts);
        Assert.False(produce.IsCompleted);
        _kafkaDown = false;
        await AdvanceUntilAsync(() => produce.IsCompleted);
        await produce;
    }

    [Fact]
    public async Task KafkaBack_TheTrialProduceAfterTheBreakClosesTheCircuit_AndTheProduceSucceeds()
    {
        var produce = ProduceAsync(TestContext.Current.CancellationToken);
        await AdvanceUntilAsync(() => _circuit.IsOpen);

        _kafkaDown = false;
        await AdvanceUntilAsync(() => produce.IsCompleted);

        Assert.Equal("written", await produce);
        Assert.False(_circuit.IsOpen);
    }

    [Fact]
    public async Task CloseWhenNothingCanTry_ClosesAnOpenCircuitAtOnce()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var produce = ProduceAsync(stop.Token);
        await AdvanceUntilAsync(() => _circuit.IsOpen);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => produce);

        _circuit.CloseWhenNothingCanTry();

        Assert.False(_circuit.IsOpen);
        _kafkaDown = false;
        Assert.Equal("written", await ProduceAsync(TestContext.Current.CancellationToken));
    }

    private Task<string> ProduceAsync(CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(
            _ =>
            {
                _attempts++;
                return _kafkaDown ? throw BrokerDown : ValueTask.FromResult("written");
            },
            cancellationToken).AsTask();

    private async Task AdvanceByAsync(TimeSpan span)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < span; elapsed += Step)
        {
            await StepAsync();
        }
    }

    /// <summary>
    /// Moves the fake clock on in small steps until <paramref name="condition"/> holds. Bounded in real time, not in
    /// steps: on a loaded machine Polly's continuations on the thread pool can lag many steps behind the clock (a
    /// step-count bound once ran out in 6 ms with the trial produce still queued), and the fake clock running ahead
    /// changes nothing these tests assert.
    /// </summary>
    private async Task AdvanceUntilAsync(Func<bool> condition)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition() && TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
        {
            await StepAsync();
        }

        Assert.True(condition(), $"not within 30 s; circuit {_circuit.State.CircuitState}, {_attempts} attempts, fake clock at {_time.GetUtcNow():HH:mm:ss.fff}");
    }

    /// <summary>
    /// One step of the fake clock. Polly runs its circuit callbacks on a task of its own, so what a step sets off goes
    /// on on the thread pool: let the pool run it before the next step (off the test's synchronization context, which
    /// it would otherwise queue behind; no wait on the real clock).
    /// </summary>
    private async Task StepAsync()
    {
        _time.Advance(Step);
        for (var i = 0; i < 3; i++)
        {
            await Task.Run(static () => { }, TestContext.Current.CancellationToken).ConfigureAwait(false);
        }
    }
}
