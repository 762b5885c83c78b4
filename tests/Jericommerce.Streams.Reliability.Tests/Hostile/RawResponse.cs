namespace Jericommerce.Streams.Reliability.Tests.Hostile;

/// <summary>
/// What came back on a raw connection: the status (0 when none came), the whole text, and whether the
/// server ended the connection (closed or reset) rather than the client giving up waiting.
/// </summary>
internal sealed record RawResponse(int Status, string Text, bool ServerEnded);
