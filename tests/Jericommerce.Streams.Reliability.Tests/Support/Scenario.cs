using System.Globalization;
using System.Net;
using Confluent.Kafka;
using Jericommerce.Streams.DevKafka;
using Jericommerce.Streams.Reliability.Tests.Accounting;
using Jericommerce.Streams.Reliability.Tests.Security;
using Jericommerce.Streams.Reliability.Tests.Sending;

namespace Jericommerce.Streams.Reliability.Tests.Support;

/// <summary>
/// One fault scenario's world: a dev cluster of its own, its topics, the secret, the service processes
/// it started (all their output captured), the seeded event source, and its deadline. Disposing kills
/// what is left; the processes die with the test host in any case (<see cref="ChildProcesses"/>).
/// </summary>
internal sealed class Scenario : IAsyncDisposable
{
    public const string SeedVariable = "JCS_CHAOS_SEED";

    private readonly List<ServiceProcess> _processes = [];
    private readonly List<JericommerceSender> _senders = [];
    private readonly Dictionary<string, int> _counters = [];

    private Scenario(int order, string title, DevKafkaCluster cluster, ScenarioTopics topics, int seed, TimeSpan? deadline)
    {
        Order = order;
        Title = title;
        Cluster = cluster;
        Topics = topics;
        Seed = seed;
        Events = new EventFactory($"s{order}", seed);
        Deadline = new ScenarioDeadline(deadline ?? Profile.Deadline, TestContext.Current.CancellationToken);
    }

    public int Order { get; }

    public string Title { get; }

    public ChaosProfile Profile { get; } = ChaosProfile.Current;

    public DevKafkaCluster Cluster { get; }

    public ScenarioTopics Topics { get; }

    public int Seed { get; }

    /// <summary>The webhook secret of this scenario: distinctive, so that any leak is found.</summary>
    public string Secret { get; } = $"jcs-s3cret-{Guid.NewGuid():N}";

    public OutputLog Output { get; } = new();

    public EventFactory Events { get; }

    public IReadOnlyList<ServiceProcess> Processes => _processes;

    /// <summary>The scenario's time limit, and what it waits for now.</summary>
    public ScenarioDeadline Deadline { get; }

    /// <summary>Cancelled when the scenario's deadline passes: every wait in a scenario observes it.</summary>
    public CancellationToken Cancel => Deadline.Token;

    /// <summary>
    /// Runs one scenario within its profile's deadline. When the deadline passes, whatever the scenario was
    /// awaiting (even a task that ignores cancellation), it fails with what it was waiting for and the
    /// accounting so far; the processes it started are killed either way.
    /// </summary>
    public static async Task RunAsync(
        int order,
        string title,
        Func<Scenario, Task> body,
        int brokerCount = 1,
        TimeSpan? sessionTimeout = null,
        int? rawPartitions = null,
        int deadLetterPartitions = 2,
        TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        await using var scenario = Start(order, title, brokerCount, sessionTimeout, rawPartitions, deadLetterPartitions, deadline);
        try
        {
            await body(scenario).WaitAsync(scenario.Cancel);
        }
        catch (OperationCanceledException) when (scenario.Deadline.HasPassed)
        {
            throw new TimeoutException(await scenario.DescribeStallAsync());
        }
    }

    public static Scenario Start(
        int order, string title, int brokerCount = 1, TimeSpan? sessionTimeout = null, int? rawPartitions = null, int deadLetterPartitions = 2, TimeSpan? deadline = null)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed
            : Random.Shared.Next();
        var cluster = ChaosCluster.Start(brokerCount, sessionTimeout);
        var topics = ScenarioTopics.Create(cluster, rawPartitions ?? ChaosProfile.Current.RawPartitions, deadLetterPartitions);
        TestContext.Current.TestOutputHelper?.WriteLine($"scenario {order} '{title}', profile {ChaosProfile.Current.Name}, seed {seed} ({SeedVariable})");
        return new Scenario(order, title, cluster, topics, seed, deadline);
    }

    /// <summary>Starts an ingress process and waits until it is ready (raw topic reachable).</summary>
    public async Task<ServiceProcess> StartIngressAsync(int? port = null, IReadOnlyDictionary<string, string>? secrets = null, IReadOnlyDictionary<string, string>? more = null)
    {
        var ingress = LaunchIngress(port, secrets, more);
        Deadline.Waiting($"{ingress.Name} to answer /readyz");
        await ingress.WaitUntilHealthyAsync("/readyz", ChaosProfile.StartTimeout, Output, Cancel);
        return ingress;
    }

    /// <summary>Starts an ingress process without waiting for it (one that should not get ready, or not start).</summary>
    public ServiceProcess LaunchIngress(int? port = null, IReadOnlyDictionary<string, string>? secrets = null, IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = ServiceSettings.Ingress(Cluster.BootstrapServers, Topics.Raw, secrets ?? new Dictionary<string, string> { ["0"] = Secret });
        Merge(settings, more);
        var ingress = Track(ServiceProcess.Start(NextName("ingress"), ServiceBinaries.Ingress, settings, port ?? FreePort.Next(), Output));
        Output.Add("test", $"{ingress.Name} started on port {ingress.Port}");
        return ingress;
    }

    /// <summary>Starts a worker process and waits until it serves <c>/readyz</c> (it may still be waiting for partitions).</summary>
    public async Task<ServiceProcess> StartWorkerAsync(IReadOnlyDictionary<string, string>? more = null)
    {
        var worker = LaunchWorker(more);
        Deadline.Waiting($"{worker.Name} to answer /readyz");
        await worker.WaitUntilHealthyAsync("/readyz", ChaosProfile.StartTimeout, Output, Cancel);
        return worker;
    }

    /// <summary>Starts a worker process without waiting for it (one that should not get ready, or not start).</summary>
    public ServiceProcess LaunchWorker(IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = ServiceSettings.Worker(Cluster.BootstrapServers, Topics);
        Merge(settings, more);
        var worker = Track(ServiceProcess.Start(NextName("worker"), ServiceBinaries.Worker, settings, FreePort.Next(), Output));
        Output.Add("test", $"{worker.Name} started");
        return worker;
    }

    public JericommerceSender CreateSender(params ServiceProcess[] ingresses) => CreateSender(JericommerceSender.DefaultConcurrency, ingresses);

    /// <summary>A sender to these ingresses with <paramref name="concurrency"/> requests in flight at most; its outcomes count in a stall report.</summary>
    public JericommerceSender CreateSender(int concurrency, params ServiceProcess[] ingresses)
    {
        var sender = new JericommerceSender([.. ingresses.Select(i => i.BaseAddress)], Secret, concurrency);
        lock (_senders)
        {
            _senders.Add(sender);
        }

        return sender;
    }

    /// <summary>
    /// Starts the profile's load (or <paramref name="perSecond"/> for <paramref name="duration"/>) on
    /// <paramref name="sender"/>: it ends by itself, its retries cut off at the profile's retry window.
    /// </summary>
    public Task StartLoad(JericommerceSender sender, double? perSecond = null, TimeSpan? duration = null, EventFactory? events = null, CancellationToken stopSending = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return sender.RunAsync(events ?? Events, perSecond ?? Profile.EventsPerSecond, duration ?? Profile.LoadDuration, Profile.RetryWindow, Cancel, stopSending);
    }

    /// <summary>Waits until the worker group has caught up with the raw topic to within <paramref name="maxLag"/> records.</summary>
    public async Task WaitForLagAtMostAsync(long maxLag, TimeSpan timeout)
    {
        Deadline.Waiting($"the worker group's lag to fall to {maxLag} (for at most {timeout.TotalSeconds:0} s)");
        await Eventually.UntilAsync(
            async _ => await LagAsync() is { } lag && lag <= maxLag,
            () => $"the worker group to catch up to a lag of {maxLag}:\n{Output.Tail(_processes.LastOrDefault(p => p.Name.StartsWith("worker", StringComparison.Ordinal))?.Name ?? "worker")}",
            timeout,
            Cancel,
            TimeSpan.FromMilliseconds(200));
    }

    /// <summary>How long the worker group took to get its lag to zero, or null when it did not within <paramref name="bound"/>.</summary>
    public async Task<TimeSpan?> TimeToLagZeroAsync(TimeSpan bound)
    {
        Deadline.Waiting($"the lag to drain to zero (bound {bound.TotalSeconds:0} s)");
        var from = Deadline.Elapsed;
        try
        {
            await Eventually.UntilAsync(() => LagAsync().GetAwaiter().GetResult() == 0, "the lag to drain to zero", bound, Cancel);
            return Deadline.Elapsed - from;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public Task<long?> LagAsync() => GroupLag.TryMeasureAsync(Cluster.BootstrapServers, Topics.GroupId, Topics.Raw, Topics.RawPartitions, Cancel);

    /// <summary>The accounting, once the workers have committed everything (or a generous deadline passed).</summary>
    public async Task<EventAccount> SettleAsync(JericommerceSender sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        Output.Add("test", $"load done ({sender.Stats}); settling");
        Deadline.Waiting($"the worker group to commit the whole raw topic and every accepted event to land (for at most {Profile.SettleTimeout.TotalSeconds:0} s)");
        var account = await Ledger.SettleAsync(Cluster.BootstrapServers, Topics, sender.Outcomes, Profile.SettleTimeout, Cancel);
        Output.Add("test", $"accounted: {account.Describe()}");
        return account;
    }

    /// <summary>Adds this scenario's row to the results table.</summary>
    public void Record(EventAccount account, string bound, string notes) =>
        ResultsTable.Record(ScenarioResult.From(Order, Title, Profile.Name, account, bound, notes, Deadline.Elapsed));

    /// <summary>
    /// The checks every scenario ends with: every event got a 2xx in the end; every 2xx has its raw
    /// record at the position it named; every accepted event landed, in the right place; nothing landed
    /// that was not sent; no answer was a 4xx or a 5xx other than 503; every 503 carried Retry-After.
    /// </summary>
    public void AssertNothingLost(EventAccount account, JericommerceSender sender)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(sender);
        var context = $"{Title} (seed {Seed}): {account.Describe()}; sender: {sender.Stats}";
        Assert.True(account.Sent > 0, context);
        Assert.True(account.Truncated.Count == 0, $"the dev broker's retention dropped records, so this accounting cannot be trusted: {string.Join(", ", account.Truncated)}. {context}");
        Assert.True(account.GaveUp.Count == 0, $"events never answered 2xx. {context}");
        Assert.True(account.NotAtTheirPosition.Count == 0, $"2xx answers without their raw record. {context}");
        Assert.True(account.Lost.Count == 0, $"accepted events lost. {context}");
        Assert.True(account.Misrouted.Count == 0, $"events in the wrong place. {context}");
        Assert.True(account.Strangers.Count == 0, $"outputs nobody sent. {context}");
        Assert.True(account.TypedExtraDistinctSource == 0, $"two raw copies of one event both routed: dedup failed. {context}");
        Assert.True(sender.Stats.ClientErrors == 0 && sender.Stats.OtherServerErrors == 0, $"4xx or non-503 5xx answers. {context}; {string.Join(" | ", sender.Stats.RefusalBodies.Take(5))}");
        Assert.True(sender.Stats.Unavailable == sender.Stats.UnavailableWithRetryAfter, $"a 503 without Retry-After. {context}");
        Assert.All(_processes.Where(p => p.HasExited && !p.StoppedByTest), p => Assert.Fail($"{p.Name} died by itself (exit code {p.ExitCode}) in {Title}:\n{Output.Tail(p.Name)}"));
    }

    /// <summary>
    /// The secret appears nowhere: not in any process's output, not in any <c>/metrics</c> scrape, not in
    /// any refusal the sender got, not in any Kafka header.
    /// </summary>
    public async Task AssertSecretNeverLeakedAsync(EventAccount account, JericommerceSender sender, params string[] secrets)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(sender);
        var haystacks = new List<(string, string)>
        {
            ("service output", Output.Text()),
            ("refusal bodies", string.Join('\n', sender.Stats.RefusalBodies)),
            ("Kafka headers", SecretScan.HeaderText(account.Headers)),
        };
        foreach (var process in _processes.Where(p => !p.HasExited))
        {
            haystacks.Add(($"{process.Name} /metrics", await ScrapeAsync(process, "/metrics")));
        }

        foreach (var secret in secrets.Length == 0 ? [Secret] : secrets)
        {
            var leaks = SecretScan.FindLeaks(secret, haystacks);
            Assert.True(leaks.Count == 0, $"{Title}: the secret leaked: {string.Join("; ", leaks)}");
        }

        Assert.True(Output.LineCount > 0, "no service output was captured: the scan proved nothing");
    }

    /// <summary>The body of a GET, or empty when the path is not served (e.g. no <c>/metrics</c> yet).</summary>
    public static async Task<string> ScrapeAsync(ServiceProcess process, string path)
    {
        ArgumentNullException.ThrowIfNull(process);
        using var client = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken) : "";
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    /// <summary>What a hung scenario was waiting for, and its accounting so far: sent, answered, stored (2xx), landed.</summary>
    private async Task<string> DescribeStallAsync()
    {
        var outcomes = _senders.SelectMany(s => s.Outcomes).ToList();
        var answered = outcomes.Count(o => o.Answers.Count > 0);
        var stored = outcomes.Count(o => o.Accepted);
        string landed;
        using (var look = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            try
            {
                var lag = await GroupLag.TryMeasureAsync(Cluster.BootstrapServers, Topics.GroupId, Topics.Raw, Topics.RawPartitions, look.Token);
                var account = await Ledger.AccountAsync(Cluster.BootstrapServers, Topics, outcomes, lag, look.Token);
                landed = string.Create(CultureInfo.InvariantCulture, $"landed {account.Landed} ({account.LandedTyped} typed, {account.LandedDeadLetter} dead-lettered), lag {lag?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}");
            }
            catch (Exception e) when (e is OperationCanceledException or KafkaException)
            {
                landed = $"landed unknown (Kafka did not answer: {e.GetType().Name})";
            }
        }

        var processes = string.Join(", ", _processes.Select(p => p.HasExited ? $"{p.Name} exited ({p.ExitCode})" : $"{p.Name} running"));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Title} (seed {Seed}, profile {Profile.Name}) passed its deadline of {Deadline.Limit.TotalSeconds:0} s while waiting for {Deadline.WaitingFor}. "
            + $"So far: sent {outcomes.Count}, answered {answered}, stored (2xx) {stored}, {landed}; sender: {string.Join(" | ", _senders.Select(s => s.Stats))}; processes: {processes}.\n{Output.Tail("test")}");
    }

    private ServiceProcess Track(ServiceProcess process)
    {
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    private string NextName(string kind)
    {
        lock (_counters)
        {
            var n = _counters.GetValueOrDefault(kind) + 1;
            _counters[kind] = n;
            return string.Create(CultureInfo.InvariantCulture, $"{kind}-{n}");
        }
    }

    private static void Merge(Dictionary<string, string> settings, IReadOnlyDictionary<string, string>? more)
    {
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        foreach (var sender in _senders)
        {
            sender.Dispose();
        }

        await Cluster.DisposeAsync();
        Deadline.Dispose();

        // Every process's output, kept beside the results table for a post-mortem.
        var logs = Path.Combine(Path.GetDirectoryName(ResultsTable.TablePath)!, "chaos-logs");
        Directory.CreateDirectory(logs);
        await File.WriteAllTextAsync(Path.Combine(logs, string.Create(CultureInfo.InvariantCulture, $"scenario-{Order}.log")), Output.Text());
    }
}
