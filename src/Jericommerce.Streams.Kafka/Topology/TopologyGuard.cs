using System.Globalization;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Jericommerce.Streams.Kafka.Topology;

/// <summary>
/// Compares the topics a service needs with those Kafka has and, when <see cref="TopologyOptions.Create"/> allows
/// it, creates the missing ones (CreateTopics). A refused creation (no CREATE permission, a broker without
/// CreateTopics such as the dev broker) is tried again only after <see cref="CreateRetryInterval"/>, so that a
/// service re-checking every second does not hammer the controller. One caller at a time.
/// </summary>
public sealed class TopologyGuard(PipelineTopology topology, TopologyOptions options, TimeProvider time)
{
    public static readonly TimeSpan CreateRetryInterval = TimeSpan.FromSeconds(30);

    private long? _lastAttempt;
    private string? _lastRefusal;

    public PipelineTopology Topology => topology;

    /// <summary>Reads every topic's metadata (never one by name: that could auto-create it), then <see cref="Check(IAdminClient, Metadata, TimeSpan)"/>.</summary>
    public TopologyStatus Check(IAdminClient admin, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(admin);
        return Check(admin, admin.GetMetadata(timeout), timeout);
    }

    /// <param name="admin">Used only to create topics.</param>
    /// <param name="metadata">A metadata answer for all topics.</param>
    /// <param name="timeout">For CreateTopics and the metadata read after it.</param>
    public TopologyStatus Check(IAdminClient admin, Metadata metadata, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var missing = topology.Missing(metadata);
        if (missing.Count == 0)
        {
            return new TopologyStatus(true, [], [], string.Create(CultureInfo.InvariantCulture, $"all {topology.Topics.Count} topic(s) exist"));
        }

        var names = missing.Select(t => t.Name).ToList();
        if (!options.Create)
        {
            return Incomplete(names, $"{TopologyOptions.SectionName}:Create is false: create them (jcs topics create) or let the service do it ({TopologyOptions.SectionName}:Create=true)");
        }

        if (_lastAttempt is { } last && time.GetElapsedTime(last) < CreateRetryInterval)
        {
            return Incomplete(names, _lastRefusal is null ? "created, not listed by Kafka yet" : $"{_lastRefusal}; tried again within {CreateRetryInterval.TotalSeconds:0} s");
        }

        _lastAttempt = time.GetTimestamp();
        _lastRefusal = Create(admin, missing, timeout);
        var still = topology.Missing(admin.GetMetadata(timeout)).Select(t => t.Name).ToList();
        if (still.Count > 0)
        {
            return Incomplete(still, _lastRefusal ?? "created, not listed by Kafka yet");
        }

        return new TopologyStatus(true, [], [.. names], string.Create(CultureInfo.InvariantCulture, $"all {topology.Topics.Count} topic(s) exist; created {string.Join(", ", names)}"));
    }

    private static TopologyStatus Incomplete(IReadOnlyList<string> missing, string why) =>
        new(false, missing, [], string.Create(CultureInfo.InvariantCulture, $"missing topic(s): {string.Join(", ", missing)} ({why})"));

    /// <summary>Null when every topic was created (or another client created it first); else why not.</summary>
    private static string? Create(IAdminClient admin, IReadOnlyList<PipelineTopic> missing, TimeSpan timeout)
    {
        try
        {
            admin.CreateTopicsAsync([.. missing.Select(t => t.ToSpecification())], new CreateTopicsOptions { RequestTimeout = timeout, OperationTimeout = timeout })
                .GetAwaiter().GetResult();
            return null;
        }
        catch (CreateTopicsException ex)
        {
            var failed = ex.Results.Where(r => r.Error.IsError && r.Error.Code != ErrorCode.TopicAlreadyExists).ToList();
            return failed.Count == 0 ? null : "creating them failed: " + string.Join("; ", failed.Select(r => $"{r.Topic}: {r.Error.Code} {r.Error.Reason}"));
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_UnsupportedFeature)
        {
            return "the broker has no CreateTopics API (the dev broker: jcs dev creates the topics)";
        }
        catch (KafkaException ex)
        {
            return $"creating them failed: {ex.Error.Code} {ex.Error.Reason}";
        }
    }
}
