using Jericommerce.Streams.Ingress.Diagnostics;
using Jericommerce.Streams.Ingress.Options;
using Jericommerce.Streams.Ingress.Quarantine;
using Jericommerce.Streams.Kafka;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Jericommerce.Streams.Observability.Kafka;

namespace Jericommerce.Streams.Ingress.Tests.Unit;

/// <summary>The quarantine's window follows the clock it is given: open until the configured instant, closed from it on.</summary>
public sealed class QuarantineWindowTests
{
    [Fact]
    public void TheQuarantine_IsOpenUntilTheConfiguredInstant_AndClosedFromIt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var options = new IngressOptions { Quarantine = { Enabled = true, Until = time.GetUtcNow().AddHours(2) } };
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new IngressMetrics(services.GetRequiredService<IMeterFactory>(), new KafkaProducerStatistics());
        using var quarantine = new OnboardingQuarantine(
            Microsoft.Extensions.Options.Options.Create(options),
            Microsoft.Extensions.Options.Options.Create(new KafkaOptions { BootstrapServers = "127.0.0.1:1" }),
            metrics,
            time,
            NullLogger<OnboardingQuarantine>.Instance);

        Assert.True(quarantine.IsOpen);
        time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromTicks(1));
        Assert.True(quarantine.IsOpen);
        time.Advance(TimeSpan.FromTicks(1));
        Assert.False(quarantine.IsOpen);
    }

    [Fact]
    public void TheQuarantine_WhenOff_IsNeverOpen() =>
        Assert.False(new OnboardingQuarantine(
            Microsoft.Extensions.Options.Options.Create(new IngressOptions()),
            Microsoft.Extensions.Options.Options.Create(new KafkaOptions()),
            null!,
            TimeProvider.System,
            NullLogger<OnboardingQuarantine>.Instance).IsOpen);
}
