namespace Jericommerce.Streams.LoadTests.Http;

/// <summary>
/// One event type's complete webhook request (request line, headers, body), with the places where each request
/// writes its sequence number (in the event id), its customer number and its signature.
/// </summary>
internal sealed class EventTemplate
{
    public required string Slug { get; init; }

    /// <summary>The <c>x-jericommerce-event-type</c> value sent.</summary>
    public required string HeaderName { get; init; }

    public required byte[] Request { get; init; }

    public required int BodyOffset { get; init; }

    public required int BodyLength { get; init; }

    /// <summary>Where the sequence number's digits are, in <see cref="Request"/>.</summary>
    public required int SequenceOffset { get; init; }

    /// <summary>Where the customer number's digits are, in <see cref="Request"/>.</summary>
    public required int CustomerOffset { get; init; }

    /// <summary>Where the 44 characters of the base64 signature go, in <see cref="Request"/>.</summary>
    public required int SignatureOffset { get; init; }
}
