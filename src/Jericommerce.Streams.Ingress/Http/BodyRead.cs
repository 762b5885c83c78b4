namespace Jericommerce.Streams.Ingress.Http;

/// <summary>The result of reading a request body: the bytes, or the status to answer instead.</summary>
internal readonly record struct BodyRead(byte[]? Body, int FailureStatus, string? Reason)
{
    /// <summary>A status for metrics when the client went away: there is no one to answer.</summary>
    public const int ClientClosedRequest = 499;

    public bool Succeeded => Body is not null;

    public static BodyRead TooLarge => new(null, StatusCodes.Status413PayloadTooLarge, "too large");
}
