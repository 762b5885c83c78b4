using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Jericommerce.Streams.Reliability.Tests.Sending;

/// <summary>
/// Sends events the way Jericommerce does: one signed POST per event, at a steady rate, many at once;
/// any answer but a 2xx (and any connection error) is retried, up to 10 times, honouring
/// <c>Retry-After</c> (capped) and otherwise backing off exponentially; the backoff is shortened for
/// tests. With several endpoints (replicas behind a load balancer), each retry goes to the next one.
/// Records every answer per event, by id.
/// </summary>
internal sealed class JericommerceSender : IDisposable
{
    /// <summary>A first try and up to 10 retries.</summary>
    public const int MaxAttempts = 11;

    /// <summary>Requests in flight at once, unless the scenario asks for more (a burst).</summary>
    public const int DefaultConcurrency = 64;

    /// <summary>How long one attempt waits for its answer before it counts as no answer.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(5);

    private readonly HttpClient _client;
    private readonly IReadOnlyList<Uri> _endpoints;
    private readonly int _concurrency;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<EventOutcome> _outcomes = new();
    private volatile string _secret;
    private int _sequence;

    public JericommerceSender(IReadOnlyList<Uri> endpoints, string secret, int concurrency = DefaultConcurrency, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(concurrency);
        _endpoints = endpoints;
        _secret = secret;
        _concurrency = concurrency;
        _time = time ?? TimeProvider.System;
        _client = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(3),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(10),
            MaxConnectionsPerServer = concurrency,
        })
        {
            Timeout = RequestTimeout,
        };
    }

    /// <summary>The secret the next attempts sign with (rotation switches it while the load runs).</summary>
    public string Secret
    {
        get => _secret;
        set => _secret = value;
    }

    public SenderStats Stats { get; } = new();

    public IReadOnlyList<EventOutcome> Outcomes => [.. _outcomes];

    /// <summary>
    /// Sends <paramref name="perSecond"/> events a second for <paramref name="duration"/> (or until
    /// <paramref name="stopSending"/> fires), then waits for every one to be answered 2xx or given up. Retries
    /// stop <paramref name="retryWindow"/> after the load's time is up: the load always ends.
    /// </summary>
    public async Task RunAsync(
        EventFactory events, double perSecond, TimeSpan duration, TimeSpan retryWindow, CancellationToken cancellationToken, CancellationToken stopSending = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var schedule = new SendSchedule(perSecond, duration, retryWindow, _time);
        using var slots = new SemaphoreSlim(_concurrency);
        var running = new List<Task>();
        for (var i = 0; !schedule.IsBeyondTheLoad(i) && !stopSending.IsCancellationRequested; i++)
        {
            var wait = schedule.WaitBefore(i);
            if (wait > TimeSpan.Zero)
            {
                // Deliberate pacing: the sending schedule's rate.
                await Task.Delay(wait, _time, cancellationToken);
            }

            await slots.WaitAsync(cancellationToken);
            var outcome = new EventOutcome(events.Next());
            _outcomes.Enqueue(outcome);
            running.Add(SendOneAsync(outcome, schedule, slots, cancellationToken));
        }

        await Task.WhenAll(running);
    }

    /// <summary>Sends one event with the retries, and returns what happened to it.</summary>
    public async Task<EventOutcome> SendAsync(TestEvent sent, CancellationToken cancellationToken)
    {
        var outcome = new EventOutcome(sent);
        _outcomes.Enqueue(outcome);
        await SendWithRetriesAsync(outcome, null, cancellationToken);
        return outcome;
    }

    private async Task SendOneAsync(EventOutcome outcome, SendSchedule schedule, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await SendWithRetriesAsync(outcome, schedule, cancellationToken);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task SendWithRetriesAsync(EventOutcome outcome, SendSchedule? schedule, CancellationToken cancellationToken)
    {
        var first = Interlocked.Increment(ref _sequence);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var endpoint = _endpoints[(first + attempt) % _endpoints.Count];
            TimeSpan? retryAfter = null;
            try
            {
                using var request = Request(endpoint, outcome.Event);
                using var response = await _client.SendAsync(request, cancellationToken);
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                outcome.Answered(status);
                retryAfter = response.Headers.RetryAfter?.Delta;
                Stats.Answer(status, retryAfter is not null, response.IsSuccessStatusCode ? null : body);
                if (response.IsSuccessStatusCode)
                {
                    outcome.Stored(ParsePosition(body));
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                outcome.Answered(0);
                Stats.NoAnswerReceived(e is TaskCanceledException);
            }

            if (attempt == MaxAttempts || schedule is { RetriesAreOver: true })
            {
                return;
            }

            var wanted = retryAfter is { } wait ? Min(wait, MaxRetryAfter) : Backoff(attempt);
            // Deliberate pacing: Jericommerce's back-off between retries, as the real sender waits.
            await Task.Delay(schedule?.RetryWait(wanted) ?? wanted, _time, cancellationToken);
        }
    }

    private HttpRequestMessage Request(Uri endpoint, TestEvent sent)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, Signing.WebhookPath))
        {
            Content = new ByteArrayContent(sent.Body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(Signing.SignatureHeader, WebhookSignature.Base64(_secret, sent.Body));
        if (sent.EventType is not null)
        {
            request.Headers.TryAddWithoutValidation(Signing.EventTypeHeader, sent.EventType);
        }

        return request;
    }

    private static RawPosition ParsePosition(string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new RawPosition(root.GetProperty("topic").GetString()!, root.GetProperty("partition").GetInt32(), root.GetProperty("offset").GetInt64());
    }

    private static TimeSpan Backoff(int attempt)
    {
        var exponential = FirstBackoff * Math.Pow(2, Math.Min(attempt - 1, 10));
        return Min(exponential, MaxBackoff) * (0.8 + (0.4 * Random.Shared.NextDouble()));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    public void Dispose() => _client.Dispose();
}
