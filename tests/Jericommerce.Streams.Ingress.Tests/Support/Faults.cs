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

    public static Task WaitForReadyAsync(HttpClient client) => WaitForReadyzAsync(client, HttpStatusCode.OK, TimeSpan.FromSeconds(20));

    /// <summary>Polls <c>/readyz</c> until it answers <paramref name="expected"/>.</summary>
    public static Task WaitForReadyzAsync(HttpClient client, HttpStatusCode expected, TimeSpan timeout) =>
        Eventually.UntilAsync(
            async token =>
            {
                using var response = await client.GetAsync("/readyz", token);
                return response.StatusCode == expected;
            },
            $"/readyz to answer {(int)expected}",
            timeout,
            Cancel);
}
