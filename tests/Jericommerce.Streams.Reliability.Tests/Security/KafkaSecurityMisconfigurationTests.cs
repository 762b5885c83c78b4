using Jericommerce.Streams.Observability.Hosting;

namespace Jericommerce.Streams.Reliability.Tests.Security;

/// <summary>
/// The mistakes people make when they first point the services at a secured Kafka (Confluent Cloud, MSK, a
/// cluster with SASL or mTLS): each fails fast, at start-up or in readiness, with a message that names the
/// problem, and the Kafka password given appears in no output, no <c>/readyz</c> body and no <c>/metrics</c> scrape.
/// The dev broker speaks neither TLS nor SASL, which is exactly what the third case needs.
/// </summary>
public sealed class KafkaSecurityMisconfigurationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Services => ["ingress", "worker"];

    [Theory]
    [MemberData(nameof(Services))]
    public Task ACaFileThatIsNotThere_StopsTheServiceAtStartUp_InOneLineNamingTheSetting(string service) =>
        Scenario.RunAsync(0, $"CA file missing ({service})", async scenario =>
        {
            var password = Password();
            var process = Launch(scenario, service, Secured(password, ("security.protocol", "SASL_SSL"), ("sasl.mechanism", "SCRAM-SHA-512"), ("ssl.ca.location", "/nonexistent/jcs/ca.pem")));

            var line = await CannotStartLineAsync(scenario, process);
            Assert.Contains("ssl.ca.location failed", line, StringComparison.Ordinal);
            AssertNoLeak(scenario, password, line);
        });

    [Theory]
    [MemberData(nameof(Services))]
    public Task AnUnknownSaslMechanism_StopsTheServiceAtStartUp_InOneLineNamingTheMechanism(string service) =>
        Scenario.RunAsync(0, $"unknown SASL mechanism ({service})", async scenario =>
        {
            var password = Password();
            var process = Launch(scenario, service, Secured(password, ("security.protocol", "SASL_PLAINTEXT"), ("sasl.mechanism", "SCRAM-SHA-999")));

            var line = await CannotStartLineAsync(scenario, process);
            Assert.Contains("SCRAM-SHA-999", line, StringComparison.Ordinal);
            AssertNoLeak(scenario, password, line);
        });

    [Theory]
    [MemberData(nameof(Services))]
    public Task TlsAgainstAListenerWithoutIt_KeepsTheServiceNotReady_WithReadyzNamingTheHandshake(string service) =>
        Scenario.RunAsync(0, $"TLS against a plaintext listener ({service})", async scenario =>
        {
            var password = Password();
            var process = Launch(scenario, service, Secured(password, ("security.protocol", "SASL_SSL"), ("sasl.mechanism", "SCRAM-SHA-512")));

            scenario.Deadline.Waiting($"{process.Name}'s /readyz to name the failed TLS handshake");
            var readyz = "";
            await Eventually.UntilAsync(
                () => (readyz = ReadyzAsync(process).GetAwaiter().GetResult()).Contains("SSL handshake failed", StringComparison.Ordinal),
                $"{process.Name}'s /readyz to say the TLS handshake failed",
                Patience,
                scenario.Cancel);

            Assert.StartsWith("Unhealthy\n", readyz, StringComparison.Ordinal);
            Assert.False(process.HasExited, $"{process.Name} exited: readiness, not start-up, reports a broker it cannot reach yet");
            var metrics = await Scenario.ScrapeAsync(process, "/metrics");
            AssertNoLeak(scenario, password, readyz, metrics);
        });

    private static ServiceProcess Launch(Scenario scenario, string service, Dictionary<string, string> settings) =>
        service == "ingress" ? scenario.LaunchIngress(more: settings) : scenario.LaunchWorker(settings);

    /// <summary>A SASL user with a distinctive password (so that any leak is found), and the given client settings.</summary>
    private static Dictionary<string, string> Secured(string password, params (string Key, string Value)[] client)
    {
        var settings = new Dictionary<string, string>
        {
            ["Kafka__Client__sasl.username"] = "jcs-user",
            ["Kafka__Client__sasl.password"] = password,
        };
        foreach (var (key, value) in client)
        {
            settings[$"Kafka__Client__{key}"] = value;
        }

        return settings;
    }

    private static string Password() => $"jcs-k4fka-p4ss-{Guid.NewGuid():N}";

    private static async Task<string> CannotStartLineAsync(Scenario scenario, ServiceProcess process)
    {
        scenario.Deadline.Waiting($"{process.Name} to stop at start-up");
        await Eventually.UntilAsync(() => process.HasExited, $"{process.Name} to stop at start-up", Patience, scenario.Cancel);
        var output = scenario.Output.Tail(process.Name, 200);
        Assert.Equal(ServiceRunner.CannotStartExitCode, process.ExitCode);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        var prefix = process.Name.StartsWith("ingress", StringComparison.Ordinal) ? "jcs-ingress cannot start: " : "jcs-worker cannot start: ";
        return Assert.Single(output.Split('\n'), l => l.Contains(prefix, StringComparison.Ordinal));
    }

    private static async Task<string> ReadyzAsync(ServiceProcess process)
    {
        using var client = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync("/readyz");
            return await response.Content.ReadAsStringAsync();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return "";
        }
    }

    private static void AssertNoLeak(Scenario scenario, string password, params string[] answers)
    {
        var haystacks = new List<(string, string)> { ("service output", scenario.Output.Text()) };
        haystacks.AddRange(answers.Select((a, i) => ($"answer {i}", a)));
        var leaks = SecretScan.FindLeaks(password, haystacks);
        Assert.True(leaks.Count == 0, $"the Kafka password leaked: {string.Join("; ", leaks)}");
        Assert.True(scenario.Output.LineCount > 0, "no service output was captured: the scan proved nothing");
    }
}
