using System.Net;

namespace Jericommerce.Streams.Ingress.Tests.Support;

/// <summary>Settings and waits shared by the tests that break a dev cluster of their own.</summary>
internal static class Faults
{
    public static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(1.5);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static Dictionary<string, string?> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Ingress:AckTimeout"] = "00:00:01.5",
            ["Ingress:RetryAfter"] = "00:00:07",
            ["Kafka:Client:reconnect.backoff.max.ms"] = "500",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static Task WaitForReadyAsync(HttpClient client) =>
        WaitForAsync(
            async () =>
            {
                using var response = await client.GetAsync("/readyz", Cancel);
                return response.StatusCode == HttpStatusCode.OK ? "ready" : null;
            },
            TimeSpan.FromSeconds(20));

    public static Task<T> WaitForAsync<T>(Func<T?> probe, TimeSpan timeout, Func<string>? diagnostics = null)
        where T : class => WaitForAsync(() => Task.FromResult(probe()), timeout, diagnostics);

    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<string>? diagnostics = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}. {diagnostics?.Invoke()}");
            }

            await Task.Delay(50, Cancel);
        }
    }
}
