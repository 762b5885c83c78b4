namespace Jericommerce.Streams.Reliability.Tests.Hostile;

/// <summary>Kestrel limits shortened for tests (the defaults are 10 s for headers and a 5 s grace period for slow bodies).</summary>
internal static class IngressLimits
{
    public static readonly TimeSpan HeadersTimeout = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan BodyRateGracePeriod = TimeSpan.FromSeconds(1.5);

    public static IReadOnlyDictionary<string, string> Shortened { get; } = new Dictionary<string, string>
    {
        ["Ingress__Limits__RequestHeadersTimeout"] = "00:00:02",
        ["Ingress__Limits__MinRequestBodyDataRateGracePeriod"] = "00:00:01.5",
    };
}
