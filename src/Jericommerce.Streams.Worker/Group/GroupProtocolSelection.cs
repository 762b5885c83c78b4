using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Worker.Group;

/// <summary>
/// Decides the group protocol once, at start-up, before the routing service builds its consumer (hosted services
/// start in registration order), and holds the answer. A refusal stops start-up with the reason in one line.
/// </summary>
internal sealed partial class GroupProtocolSelection(BrokerApiProbe probe, IOptions<WorkerOptions> options, ILogger<GroupProtocolSelection> logger) : IHostedService
{
    /// <summary>How long the start-up check waits for a broker to answer.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(15);

    private GroupProtocol? _protocol;

    /// <summary>The protocol decided at start-up.</summary>
    public GroupProtocol Protocol => _protocol ?? throw new InvalidOperationException("The group protocol is decided when the worker starts.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var setting = options.Value.GroupProtocol;
        var brokers = setting == GroupProtocolChoice.Classic
            ? []
            : await Task.Run(() => probe.Probe(ProbeTimeout), cancellationToken);
        var decision = GroupProtocolDecision.Decide(setting, brokers);
        if (decision.Refusal is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        _protocol = decision.Protocol;
        LogChosen(logger, decision.Protocol == GroupProtocol.Consumer ? "consumer (KIP-848)" : "classic", decision.Reason);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Consumer group protocol: {Protocol}, because {Reason}")]
    private static partial void LogChosen(ILogger logger, string protocol, string reason);
}
