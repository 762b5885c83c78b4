namespace Jericommerce.Streams.Reliability.Tests.Hostile;

/// <summary>
/// One hostile request: the exact bytes to put on the wire, how to send them, and what is known about
/// it. <see cref="Body"/> is what the server reads as the body (what would be stored);
/// <see cref="SignatureValid"/> says whether the request carries exactly one signature, over exactly
/// that body, in an accepted form, with the configured secret; <see cref="MustBeAccepted"/> marks a
/// well-formed, validly signed request within every limit, which must get its 202.
/// </summary>
internal sealed record FuzzCase(string Name, byte[] Request, byte[] Body, bool SignatureValid, bool MustBeAccepted)
{
    /// <summary>Send in slices of this many bytes with <see cref="SliceDelay"/> between them (a slow client); 0 sends at once.</summary>
    public int SliceBytes { get; init; }

    public TimeSpan SliceDelay { get; init; }

    /// <summary>Bytes sent at once before the slices start (a slow body after fast headers).</summary>
    public int SendAtOnce { get; init; }

    /// <summary>Close the sending side after the bytes (a body cut short).</summary>
    public bool HalfClose { get; init; }

    /// <summary>
    /// A request line whose version is not HTTP/1.0 or HTTP/1.1 (another version, a bad protocol name, a
    /// random line): Kestrel's parser answers 505 itself, before any application code runs. The one 5xx
    /// allowed, as RFC 9110 (15.6.6) defines it for exactly this.
    /// </summary>
    public bool UnsupportedHttpVersion { get; init; }

    public bool Slow => SliceBytes > 0;
}
