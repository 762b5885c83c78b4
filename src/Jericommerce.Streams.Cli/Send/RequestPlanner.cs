using System.Globalization;
using Jericommerce.Streams.Kafka;

namespace Jericommerce.Streams.Cli.Send;

/// <summary>
/// Decides, request by request, what to send: which template, whether it is new, invalid or a re-send, and signs
/// it. Plans are handed out in order under a lock, so a seed reproduces a run whatever the concurrency.
/// </summary>
internal sealed class RequestPlanner
{
    /// <summary>A duplicate re-sends one of the last this-many new events, as a retry minutes later would.</summary>
    private const int RecentCapacity = 1024;

    private readonly Lock _gate = new();
    private readonly SendSettings _settings;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly List<PlannedRequest> _recent = [];
    private int _next;
    private int _recentStart;

    public RequestPlanner(SendSettings settings, TimeProvider time)
    {
        _settings = settings;
        _time = time;
        _random = new Random(settings.Seed);
    }

    public bool TryNext(out PlannedRequest planned)
    {
        lock (_gate)
        {
            if (_next >= _settings.Count)
            {
                planned = null!;
                return false;
            }

            planned = Plan(_next++);
            return true;
        }
    }

    private PlannedRequest Plan(int index)
    {
        var roll = _random.NextDouble();
        if (roll < _settings.DuplicateFraction && _recent.Count > 0)
        {
            var original = _recent[_random.Next(_recent.Count)];
            return original with { Index = index, Kind = RequestKind.Duplicate };
        }

        var template = _settings.Templates[index % _settings.Templates.Count];
        var invalid = roll >= _settings.DuplicateFraction && roll < _settings.DuplicateFraction + _settings.InvalidFraction;
        var customer = _settings.Customers > 0
            ? string.Create(CultureInfo.InvariantCulture, $"cus_jcs_{_random.Next(_settings.Customers):D6}")
            : null;
        var body = (_settings.FreshIds, invalid) switch
        {
            (true, _) => EventFactory.Fresh(template, _time.GetUtcNow(), customer, invalid),
            (false, true) => EventFactory.Invalid(template),
            (false, false) => template.Body,
        };
        var request = new WebhookRequest(body, template.EventType, WebhookSigner.Sign(_settings.Secret, body, _settings.Encoding));
        var planned = new PlannedRequest(index, invalid ? RequestKind.Invalid : RequestKind.New, template.Source, EventEnvelope.Read(body).Id, request);
        if (!invalid)
        {
            Remember(planned);
        }

        return planned;
    }

    private void Remember(PlannedRequest planned)
    {
        if (_recent.Count < RecentCapacity)
        {
            _recent.Add(planned);
            return;
        }

        _recent[_recentStart] = planned;
        _recentStart = (_recentStart + 1) % RecentCapacity;
    }
}
