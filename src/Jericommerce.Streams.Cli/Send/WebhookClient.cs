using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net;
using Jericommerce.Streams.Signatures;

namespace Jericommerce.Streams.Cli.Send;

/// <summary>
/// POSTs webhooks to the ingress over a pool of keep-alive connections (one per concurrent request), so that a
/// load test measures the ingress, not connection set-up.
/// </summary>
internal sealed class WebhookClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly ProductInfoHeaderValue UserAgent = new("jcs", "1.0");

    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly TimeProvider _time;

    public WebhookClient(Uri url, int connections, TimeSpan timeout, TimeProvider time)
    {
        _url = url;
        _time = time;
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, connections),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            // A local ingress must not be reached through a proxy set for the internet.
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            Timeout = timeout,
        };
    }

    public Uri Url => _url;

    public async Task<WebhookOutcome> SendAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(request.Body) };
        message.Content.Headers.ContentType = Json;
        message.Headers.UserAgent.Add(UserAgent);
        if (request.Signature is not null)
        {
            message.Headers.TryAddWithoutValidation(JericommerceWebhook.SignatureHeader, request.Signature);
        }

        if (request.EventType is not null)
        {
            message.Headers.TryAddWithoutValidation(JericommerceWebhook.EventTypeHeader, request.EventType);
        }

        var started = _time.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new WebhookOutcome((int)response.StatusCode, body, _time.GetElapsedTime(started), null);
        }
        catch (HttpRequestException ex)
        {
            return new WebhookOutcome(null, "", _time.GetElapsedTime(started), Describe(ex));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookOutcome(null, "", _time.GetElapsedTime(started), "timeout");
        }
    }

    /// <summary>A short, stable name for a transport failure, to count by.</summary>
    private static string Describe(HttpRequestException ex) =>
        ex.InnerException is SocketException socket
            ? socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection-refused",
                SocketError.ConnectionReset => "connection-reset",
                SocketError.HostNotFound or SocketError.NoData => "host-not-found",
                SocketError.TimedOut => "connect-timeout",
                var other => other.ToString().ToLowerInvariant(),
            }
            : ex.HttpRequestError switch
            {
                HttpRequestError.ResponseEnded => "connection-closed",
                HttpRequestError.NameResolutionError => "host-not-found",
                HttpRequestError.ConnectionError => "connection-error",
                var other => other.ToString().ToLowerInvariant(),
            };

    public void Dispose() => _http.Dispose();
}
