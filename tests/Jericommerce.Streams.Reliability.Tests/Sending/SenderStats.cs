using System.Collections.Concurrent;

namespace Jericommerce.Streams.Reliability.Tests.Sending;

/// <summary>Every answer the sender got, by kind, and the bodies of the refusals (searched for secrets).</summary>
internal sealed class SenderStats
{
    private const int MaxKeptBodies = 2000;

    private long _accepted;
    private long _unavailable;
    private long _unavailableWithRetryAfter;
    private long _clientErrors;
    private long _otherServerErrors;
    private long _noAnswer;
    private long _timedOut;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Unavailable => Interlocked.Read(ref _unavailable);

    public long UnavailableWithRetryAfter => Interlocked.Read(ref _unavailableWithRetryAfter);

    /// <summary>4xx answers: none is expected from a correctly signing sender.</summary>
    public long ClientErrors => Interlocked.Read(ref _clientErrors);

    /// <summary>5xx answers other than 503.</summary>
    public long OtherServerErrors => Interlocked.Read(ref _otherServerErrors);

    /// <summary>Connection refused or reset, or no answer in time.</summary>
    public long NoAnswer => Interlocked.Read(ref _noAnswer);

    /// <summary>Attempts that got no answer within the sender's request timeout (a subset of <see cref="NoAnswer"/>).</summary>
    public long TimedOut => Interlocked.Read(ref _timedOut);

    public ConcurrentQueue<string> RefusalBodies { get; } = new();

    public void Answer(int status, bool retryAfter, string? body)
    {
        switch (status)
        {
            case >= 200 and < 300:
                Interlocked.Increment(ref _accepted);
                return;
            case 503:
                Interlocked.Increment(ref _unavailable);
                if (retryAfter)
                {
                    Interlocked.Increment(ref _unavailableWithRetryAfter);
                }

                break;
            case >= 500:
                Interlocked.Increment(ref _otherServerErrors);
                break;
            default:
                Interlocked.Increment(ref _clientErrors);
                break;
        }

        if (body is not null && RefusalBodies.Count < MaxKeptBodies)
        {
            RefusalBodies.Enqueue($"{status}: {body}");
        }
    }

    public void NoAnswerReceived(bool timedOut)
    {
        Interlocked.Increment(ref _noAnswer);
        if (timedOut)
        {
            Interlocked.Increment(ref _timedOut);
        }
    }

    public override string ToString() =>
        $"2xx {Accepted}, 503 {Unavailable} ({UnavailableWithRetryAfter} with Retry-After), 4xx {ClientErrors}, other 5xx {OtherServerErrors}, no answer {NoAnswer} ({TimedOut} timed out)";
}
