namespace Jericommerce.Streams.Reliability.Tests.Sending;

/// <summary>What happened to one event at the sender: every attempt's answer, and where the 2xx said it was stored.</summary>
internal sealed class EventOutcome(TestEvent sent)
{
    private readonly List<int> _answers = [];

    public TestEvent Event { get; } = sent;

    /// <summary>Each attempt's HTTP status; 0 for a connection error or a timeout (no answer).</summary>
    public IReadOnlyList<int> Answers
    {
        get
        {
            lock (_answers)
            {
                return [.. _answers];
            }
        }
    }

    public bool Accepted => Position is not null;

    /// <summary>The raw topic position the 2xx answer named.</summary>
    public RawPosition? Position { get; private set; }

    public void Answered(int status)
    {
        lock (_answers)
        {
            _answers.Add(status);
        }
    }

    public void Stored(RawPosition position) => Position = position;
}
