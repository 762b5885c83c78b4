using Jericommerce.Streams.Cli.Send;

namespace Jericommerce.Streams.Cli.Demo;

/// <summary>One request of the demo, and where it should end up.</summary>
/// <param name="Number">Its number in the report.</param>
/// <param name="Description">What is sent, in a few words.</param>
/// <param name="Request">The signed request.</param>
/// <param name="Expected">Where it should land.</param>
internal sealed record DemoCase(int Number, string Description, WebhookRequest Request, DemoExpectation Expected);
