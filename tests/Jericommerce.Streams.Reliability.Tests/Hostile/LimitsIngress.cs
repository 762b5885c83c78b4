using System.Globalization;

namespace Jericommerce.Streams.Reliability.Tests.Hostile;

/// <summary>
/// One ingress process for the limit tests (run one after another): the shortened timeouts, and at
/// most <see cref="MaxConnections"/> connections at once.
/// </summary>
public sealed class LimitsIngress : IAsyncLifetime
{
    public const int MaxConnections = 6;

    private Scenario? _scenario;

    internal Scenario Scenario => _scenario ?? throw new InvalidOperationException("not started");

    internal ServiceProcess Ingress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _scenario = Scenario.Start(0, "Ingress limits");
        var settings = new Dictionary<string, string>(IngressLimits.Shortened)
        {
            ["Ingress__Limits__MaxConcurrentConnections"] = MaxConnections.ToString(CultureInfo.InvariantCulture),
        };
        Ingress = await _scenario.StartIngressAsync(more: settings);
    }

    public async ValueTask DisposeAsync()
    {
        if (_scenario is not null)
        {
            await _scenario.DisposeAsync();
        }
    }
}
