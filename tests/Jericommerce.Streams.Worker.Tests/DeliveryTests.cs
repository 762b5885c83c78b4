using Jericommerce.Streams.DevKafka;

namespace Jericommerce.Streams.Worker.Tests;

/// <summary>At-least-once made effectively-once: failures, restarts and rebalances lose and duplicate nothing.</summary>
public sealed class DeliveryTests(BrokerFixture broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProduceErrorsOnTheTypedTopic_AreRetried_AndEveryEventArrivesOnce()
    {
        await using var cluster = broker.StartIsolatedDevCluster();
        var topics = await PipelineTopics.CreateAsync(cluster);
        var load = new LoadGenerator();
        using (var raw = new RawEvents(cluster.BootstrapServers, topics.Raw))
        {
            await load.RunAsync(raw, 200, 10_000, Cancel);
        }

        // Errors librdkafka does not retry by itself: the worker's own retries must write them again.
        cluster.PushRequestErrors(KafkaApiKey.Produce, Enumerable.Repeat(Confluent.Kafka.ErrorCode.TopicAuthorizationFailed, 6).ToArray());
        await using var worker = await InProcessWorker.StartAsync(topics.Settings(cluster.BootstrapServers));
        using var measurements = new WorkerMeasurements(worker.Services);
        var landed = await Landed.WaitForAsync(cluster.BootstrapServers, topics, 200, cancellationToken: Cancel);

        AssertEachIdOnce(load, landed);
        Assert.True(measurements.Total("jcs.worker.produce.retries") > 0, "the injected errors never reached the worker");
    }

    [Fact]
    public async Task ProduceKeepsFailing_OpensTheCircuitAndPausesConsumption_ThenResumesByItselfLosingNothing()
    {
        await using var cluster = broker.StartIsolatedDevCluster();
        var topics = await PipelineTopics.CreateAsync(cluster);
        var load = new LoadGenerator();
        using (var raw = new RawEvents(cluster.BootstrapServers, topics.Raw))
        {
            await load.RunAsync(raw, 300, 10_000, Cancel);
        }

        cluster.PushRequestErrors(KafkaApiKey.Produce, Enumerable.Repeat(Confluent.Kafka.ErrorCode.TopicAuthorizationFailed, 12).ToArray());
        await using var worker = await InProcessWorker.StartAsync(topics.Settings(cluster.BootstrapServers));
        using var measurements = new WorkerMeasurements(worker.Services);
        await Eventually.UntilAsync(() => measurements.Observe("jcs.worker.circuit.open") == 1, "the circuit to open while every produce fails", TimeSpan.FromSeconds(30), Cancel);

        var landed = await Landed.WaitForAsync(cluster.BootstrapServers, topics, 300, cancellationToken: Cancel);

        AssertEachIdOnce(load, landed);
        Assert.Equal(0, measurements.Observe("jcs.worker.circuit.open"));
    }

    [Fact]
    public async Task BrokerDownForAFewSecondsMidStream_ProcessingResumes_AndNothingIsLost()
    {
        await using var cluster = broker.StartIsolatedDevCluster();
        var topics = await PipelineTopics.CreateAsync(cluster);
        var settings = topics.Settings(cluster.BootstrapServers);
        settings["Worker:ProduceTimeout"] = "00:00:02";
        await using var worker = await InProcessWorker.StartAsync(settings);
        using var measurements = new WorkerMeasurements(worker.Services);
        var load = new LoadGenerator();
        long routedBefore;
        using (var raw = new RawEvents(cluster.BootstrapServers, topics.Raw))
        {
            var sending = load.RunAsync(raw, 1500, 500, Cancel);
            await Eventually.UntilAsync(() => measurements.Total("jcs.worker.records.routed") > 0 || sending.IsCompleted, "the worker to route its first records", TimeSpan.FromSeconds(60), Cancel);

            routedBefore = measurements.Total("jcs.worker.records.routed");
            cluster.SetBrokerDown();

            // Deliberate pacing, not a wait for a condition: the outage lasts this long, twice the produce timeout.
            await Task.Delay(TimeSpan.FromSeconds(4), Cancel);
            cluster.SetBrokerUp();
            await sending;
        }

        var landed = await Landed.WaitForAsync(cluster.BootstrapServers, topics, 1500, TimeSpan.FromSeconds(90), Cancel);

        // The outage struck mid-stream, and every event made it. The dev broker does no idempotent-producer
        // sequence checks, so a request it stored just before going down is stored again when retried:
        // duplicates are bounded by what was in flight, and a real Kafka drops them.
        Assert.InRange(routedBefore, 1, 1000);
        var counts = Counts(landed);
        Assert.All(load.Ids, id => Assert.True(counts.GetValueOrDefault(id) >= 1, $"{id} is missing"));
        Assert.InRange(counts.Values.Sum(c => c - 1), 0, 4 * 2000);
    }

    [Fact]
    public async Task ASecondWorkerJoiningAndAGracefulRestartUnderLoad_AccountForEveryEventExactlyOnce()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker, rawPartitions: 4);
        var settings = topics.Settings(broker.BootstrapServers);
        var load = new LoadGenerator();
        var first = await InProcessWorker.StartAsync(settings);
        InProcessWorker? restarted = null;
        await using (var second = new AsyncDisposableBox())
        {
            using (var raw = new RawEvents(broker.BootstrapServers, topics.Raw))
            {
                var sending = load.RunAsync(raw, 3000, 600, Cancel);

                // Deliberate pacing: the second worker joins, and the first leaves, while the 5-second load runs.
                await Task.Delay(TimeSpan.FromSeconds(1.5), Cancel);
                second.Value = await InProcessWorker.StartAsync(settings);
                await Task.Delay(TimeSpan.FromSeconds(1.5), Cancel);
                await first.DisposeAsync();
                restarted = await InProcessWorker.StartAsync(settings);
                await sending;
            }

            var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, 3000, TimeSpan.FromSeconds(90), Cancel);
            AssertEachIdOnce(load, landed);
        }

        await restarted!.DisposeAsync();
    }

    [Fact]
    public async Task AbruptKillMidStreamThenRestart_AccountsForEveryEventAtLeastOnce_WithDuplicatesWithinTheInFlightBound()
    {
        var topics = await PipelineTopics.CreateAsync(broker.Broker, rawPartitions: 4);
        var settings = topics.Settings(broker.BootstrapServers);
        settings["Worker:MaxInFlightPerPartition"] = "50";
        const int PerSecond = 500;
        var load = new LoadGenerator();
        using (var raw = new RawEvents(broker.BootstrapServers, topics.Raw))
        {
            var victim = WorkerProcess.Start(settings);
            var sending = load.RunAsync(raw, 2500, PerSecond, Cancel);

            // Deliberate pacing: the kill lands mid-stream, 3 s into a 5-second load.
            await Task.Delay(TimeSpan.FromSeconds(3), Cancel);
            victim.Kill();
            victim.Dispose();
            using var replacement = WorkerProcess.Start(settings);
            await sending;
            var landed = await Landed.WaitForAsync(broker.BootstrapServers, topics, 2500, TimeSpan.FromSeconds(90), Cancel);

            var counts = Counts(landed);
            Assert.All(load.Ids, id => Assert.True(counts.GetValueOrDefault(id) >= 1, $"{id} is missing"));

            // Stated bound: what was in flight, plus what finished since the last completed commit: one commit
            // interval (200 ms) and the commit's own round trip, allowed 500 ms on a loaded 2-core machine.
            var bound = (4 * 50) + (PerSecond * (0.2 + 0.5));
            var duplicates = counts.Values.Sum(c => c - 1);
            Assert.True(duplicates <= bound, $"{duplicates} duplicates, bound {bound}");
        }
    }

    private static Dictionary<string, int> Counts(Landed landed) =>
        landed.Typed.Concat(landed.DeadLetters).GroupBy(r => Landed.IdOf(r) ?? "<none>").ToDictionary(g => g.Key, g => g.Count());

    private static void AssertEachIdOnce(LoadGenerator load, Landed landed)
    {
        var counts = Counts(landed);
        Assert.Equal(load.Ids.Count, landed.Total);
        Assert.All(load.Ids, id => Assert.Equal(1, counts.GetValueOrDefault(id)));
        Assert.Equal(load.Invalid, landed.DeadLetters.Count);
    }

    private sealed class AsyncDisposableBox : IAsyncDisposable
    {
        public InProcessWorker? Value { get; set; }

        public ValueTask DisposeAsync() => Value?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
