using System.Globalization;

namespace Jericommerce.Streams.Reliability.Tests.Support;

/// <summary>The ingress's onboarding quarantine, on for the next day, into a topic of the scenario's own.</summary>
internal static class QuarantineSettings
{
    /// <summary>Creates the scenario's quarantine topic; returns it and the ingress settings that turn the quarantine on into it.</summary>
    public static (string Topic, Dictionary<string, string> Settings) Open(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var topic = $"{scenario.Topics.Raw}.quarantine";
        scenario.Cluster.CreateTopic(topic, 1);
        return (topic, new Dictionary<string, string>
        {
            ["Ingress__Quarantine__Enabled"] = "true",
            ["Ingress__Quarantine__Topic"] = topic,
            ["Ingress__Quarantine__Until"] = DateTimeOffset.UtcNow.AddDays(1).ToString("O", CultureInfo.InvariantCulture),
        });
    }
}
