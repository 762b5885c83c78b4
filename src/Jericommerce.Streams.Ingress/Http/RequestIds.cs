using Microsoft.Extensions.Primitives;

namespace Jericommerce.Streams.Ingress.Http;

/// <summary>
/// Request ids: the caller's <c>x-request-id</c> when it is sane (one value of 1-128 visible ASCII
/// characters, no spaces), else a new one: a version 7 (time-ordered) GUID as 32 hex digits.
/// </summary>
internal static class RequestIds
{
    public const int MaxLength = 128;

    public static string Resolve(StringValues incoming, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return incoming.Count == 1 && IsSane(incoming[0]) ? incoming[0]! : New(time);
    }

    public static bool IsSane(string? value) =>
        value is { Length: > 0 and <= MaxLength } && !value.AsSpan().ContainsAnyExceptInRange('!', '~');

    public static string New(TimeProvider time) => Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
}
