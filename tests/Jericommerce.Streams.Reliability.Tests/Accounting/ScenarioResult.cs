namespace Jericommerce.Streams.Reliability.Tests.Accounting;

/// <summary>One row of the results table in docs/reliability.md.</summary>
internal sealed record ScenarioResult(
    int Order,
    string Scenario,
    string Profile,
    int Sent,
    int Accepted,
    int Landed,
    int Lost,
    int Duplicated,
    string Bound,
    int RawExtra,
    int DeadLetterExtra,
    string Notes,
    double WallSeconds,
    DateTimeOffset At)
{
    public static ScenarioResult From(int order, string scenario, string profile, EventAccount account, string bound, string notes, TimeSpan wallTime)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new ScenarioResult(
            order, scenario, profile, account.Sent, account.Accepted, account.Landed, account.Lost.Count, account.TypedExtra, bound,
            account.RawExtra, account.DeadLetterExtra, notes, wallTime.TotalSeconds, DateTimeOffset.UtcNow);
    }
}
