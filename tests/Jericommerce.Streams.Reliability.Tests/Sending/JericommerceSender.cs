using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Jericommerce.Streams.Testing;

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

    private const int MaxConcurrent = 64;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(5);

    private readonly HttpClient _client;
    private readonly IReadOnlyList<Uri> _endpoints;
    private readonly ConcurrentQueue<EventOutcome> _outcomes = new();
    private volatile string _secret;
    private int _sequence;

    public JericommerceSender(IReadOnlyList<Uri> endpoints, string secret)
    {
        _endpoints = endpoints;
        _secret = secret;
        _client = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(3),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(10),
            MaxConnectionsPerServer = MaxConcurrent,
        })
        {
            Timeout = TimeSpan.FromSeconds(20),
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
    /// <paramref name="stopSending"/> fires), then waits for every one to be answered or given up.
    /// </summary>
    public async Task RunAsync(EventFactory events, int perSecond, TimeSpan duration, CancellationToken cancellationToken, CancellationToken stopSending = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var slots = new SemaphoreSlim(MaxConcurrent);
        var running = new List<Task>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; ; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)perSecond);
            if (due >= duration || stopSending.IsCancellationRequested)
            {
                break;
            }

            if (due > watch.Elapsed)
            {
                await Task.Delay(due - watch.Elapsed, cancellationToken);
            }

            await slots.WaitAsync(cancellationToken);
            var outcome = new EventOutcome(events.Next());
            _outcomes.Enqueue(outcome);
            running.Add(SendOneAsync(outcome, slots, cancellationToken));
        }

        await Task.WhenAll(running);
    }

    /// <summary>Sends one event with the retries, and returns what happened to it.</summary>
    public async Task<EventOutcome> SendAsync(TestEvent sent, CancellationToken cancellationToken)
    {
        var outcome = new EventOutcome(sent);
        _outcomes.Enqueue(outcome);
        await SendWithRetriesAsync(outcome, cancellationToken);
        return outcome;
    }

    private async Task SendOneAsync(EventOutcome outcome, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await SendWithRetriesAsync(outcome, cancellationToken);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task SendWithRetriesAsync(EventOutcome outcome, CancellationToken cancellationToken)
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
                Stats.NoAnswerReceived();
            }

            if (attempt < MaxAttempts)
            {
                await Task.Delay(retryAfter is { } wait ? Min(wait, MaxRetryAfter) : Backoff(attempt), cancellationToken);
            }
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
