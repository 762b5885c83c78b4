using System.Text;
using Jericommerce.Streams.Cli.Send;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Cli.Demo;

/// <summary>
/// The demo's requests: one valid event of every catalog type, then one of each way an event goes wrong: a bad
/// signature, a type outside the catalog (routed to a topic of its own when the worker's envelope routing is on, the
/// default), one whose name makes no topic name, a schema violation, a body that is not JSON, and a re-send of the first event.
/// </summary>
internal static class DemoCases
{
    /// <summary>A type outside the catalog, with a sound envelope: the worker routes it to a topic of its own.</summary>
    public const string NewType = "Reward redeemed";

    /// <summary>A type outside the catalog whose name makes no topic name: dead-lettered.</summary>
    public const string UnusableType = "Customer/teleported";

    public static IReadOnlyList<DemoCase> Create(SchemaCatalog catalog, DateTimeOffset now, string secret, SignatureEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var cases = new List<DemoCase>();
        DemoCase Add(string description, byte[] body, string? eventType, DemoExpectation expected, string? signWith = null)
        {
            var added = new DemoCase(cases.Count + 1, description, new WebhookRequest(body, eventType, WebhookSigner.Sign(signWith ?? secret, body, encoding)), expected);
            cases.Add(added);
            return added;
        }

        var examples = ExampleEvents.OnePerType(catalog);
        foreach (var example in examples)
        {
            catalog.TryResolve(example.EventType, out var type);
            Add(example.EventType!, EventFactory.Fresh(example, now), example.EventType, new DemoExpectation.Typed(type!.Topic));
        }

        var first = cases[0];
        var created = examples.FirstOrDefault(e => e.Source.StartsWith("customer-created.", StringComparison.Ordinal)) ?? examples[0];
        Add($"{created.EventType}, signed with the wrong secret", EventFactory.Fresh(created, now), created.EventType, new DemoExpectation.Refused(401), signWith: $"not-{secret}");
        Add($"\"{NewType}\" (not in the catalog: own topic)", EventFactory.Fresh(created, now), NewType, new DemoExpectation.Typed($"{catalog.TopicPrefix}.{EnvelopeSlug.Create(NewType)}.v1"));
        Add($"\"{UnusableType}\" (not in the catalog, no topic name)", EventFactory.Fresh(created, now), UnusableType, new DemoExpectation.DeadLetter("unknown-event-type"));
        if (catalog.TryResolve("customer-scanned", out var scanned))
        {
            var template = new EventTemplate("customer-scanned.invalid.missing-shopId.json", scanned.HeaderNames[0], ExampleEvents.Read(catalog, "customer-scanned.invalid.missing-shopId.json"));
            Add($"{scanned.HeaderNames[0]} without properties.shopId", EventFactory.Fresh(template, now), template.EventType, new DemoExpectation.DeadLetter("schema-violation"));
        }

        Add($"{created.EventType} whose body is not JSON", Encoding.UTF8.GetBytes("this is not JSON {"), created.EventType, new DemoExpectation.DeadLetter("invalid-json"));
        cases.Add(first with
        {
            Number = cases.Count + 1,
            Description = $"{first.Description} again, same id as #{first.Number} (a retry)",
            Expected = new DemoExpectation.Dropped(first.Number),
        });
        return cases;
    }
}
