using Jericommerce.Streams.SchemaRegistry;

namespace Jericommerce.Streams.Worker.Registry;

/// <summary>
/// A typed record was handed over before its topic's schema id was known (the registry could not be reached at
/// start-up). Transient: the partition writes it again, in order, after resolving the id under the retry pipeline.
/// </summary>
public sealed class SchemaIdNotResolvedException : SchemaRegistryUnavailableException
{
    public SchemaIdNotResolvedException()
    {
    }

    public SchemaIdNotResolvedException(string message)
        : base(message)
    {
    }

    public SchemaIdNotResolvedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
