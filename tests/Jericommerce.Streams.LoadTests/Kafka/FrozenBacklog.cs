namespace Jericommerce.Streams.LoadTests.Kafka;

/// <summary>
/// Writes backlogs of unique raw records to one topic, each while a consuming service is frozen (SIGSTOP), so that
/// writing it neither competes for the CPU with the measured consumption nor is part of it. Sequence numbers go on
/// from one backlog to the next: every record of the phase is unique.
/// </summary>
internal sealed class FrozenBacklog(string bootstrapServers, string topic, WebhookRequests requests)
{
    private long _nextSequence;

    public void Write(ChildProcess service, int count)
    {
        ProcessFreeze.Freeze(service);
        try
        {
            RawPrefill.Write(bootstrapServers, topic, requests, _nextSequence, count);
            _nextSequence += count;
        }
        finally
        {
            ProcessFreeze.Thaw(service);
        }
    }
}
