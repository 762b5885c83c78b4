using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Reliability.Tests.Sending;

/// <summary>
/// Makes events: mostly valid ones of every type in the catalog (from each type's valid example, sent under
/// one of its accepted header spellings), about one in <paramref name="invalidOneIn"/> that is not (half a
/// schema violation the worker dead-letters, half a well-formed event of a type outside the catalog, which it
/// routes to that type's own topic by its envelope), for <paramref name="customers"/> distinct customers;
/// with <paramref name="duplicateOneIn"/>, also that share of re-deliveries of a recent event (same id, same
/// bytes), as Jericommerce's retries make. Seeded, so a failing run can be replayed.
/// </summary>
internal sealed class EventFactory(string scenario, int seed, int customers = 60, int invalidOneIn = 8, int duplicateOneIn = 0)
{
    /// <summary>The slug of the one type outside the catalog these events use.</summary>
    public const string OutsideTheCatalog = "wallet-teleported";

    private const int RecentKept = 1000;

    private static readonly IReadOnlyList<(EventType Type, JsonObject Template)> Valid = [.. ScenarioTopics.Catalog.EventTypes
        .Select(t => (t, Load($"{t.Slug}.valid.json")))];

    private static readonly JsonObject MissingShopId = Load("customer-scanned.invalid.missing-shopId.json");

    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private readonly List<TestEvent> _recent = [];
    private int _next;

    public TestEvent Next()
    {
        lock (_gate)
        {
            if (duplicateOneIn > 0 && _recent.Count > 0 && _random.Next(duplicateOneIn) == 0)
            {
                return _recent[_random.Next(_recent.Count)];
            }

            var made = Make();
            if (duplicateOneIn > 0)
            {
                if (_recent.Count == RecentKept)
                {
                    _recent[_next % RecentKept] = made;
                }
                else
                {
                    _recent.Add(made);
                }
            }

            return made;
        }
    }

    private TestEvent Make()
    {
        var n = _next++;
        var id = string.Create(CultureInfo.InvariantCulture, $"evt-{scenario}-{n:D6}-{_random.Next():x8}");
        var customer = string.Create(CultureInfo.InvariantCulture, $"cus-{_random.Next(customers)}");
        var roll = _random.Next(invalidOneIn * 2);
        if (roll == 0)
        {
            return new TestEvent(id, Body(MissingShopId, id, customer), "Customer scanned", null);
        }

        if (roll == 1)
        {
            return new TestEvent(id, Body(Valid[0].Template, id, customer), "Wallet teleported", OutsideTheCatalog);
        }

        var (type, template) = Valid[_random.Next(Valid.Count)];
        var header = type.HeaderNames[_random.Next(type.HeaderNames.Count)];
        return new TestEvent(id, Body(template, id, customer), _random.Next(4) == 0 ? header.ToUpperInvariant() : header, type.Slug);
    }

    private static byte[] Body(JsonObject template, string id, string customer)
    {
        var body = template.DeepClone().AsObject();
        body["id"] = id;
        body["customerId"] = customer;
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    private static JsonObject Load(string example) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(SchemaDirectory.Default, "examples", example)))!.AsObject();
}
