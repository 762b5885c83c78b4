namespace Jericommerce.Streams.SchemaRegistry;

/// <summary>
/// The Schema Registry did not answer usefully (unreachable, timed out, 408, 429 or 5xx): worth retrying. The message
/// names the subject and the cause, never credentials.
/// </summary>
public class SchemaRegistryUnavailableException : Exception
{
    public SchemaRegistryUnavailableException()
    {
    }

    public SchemaRegistryUnavailableException(string message)
        : base(message)
    {
    }

    public SchemaRegistryUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
