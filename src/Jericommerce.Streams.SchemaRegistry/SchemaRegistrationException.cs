namespace Jericommerce.Streams.SchemaRegistry;

/// <summary>
/// The Schema Registry answered, and the answer means the subject cannot be used as it is (missing, incompatible,
/// forbidden, refused): retrying changes nothing until someone acts. The message names the subject.
/// </summary>
public sealed class SchemaRegistrationException : Exception
{
    public SchemaRegistrationException()
    {
    }

    public SchemaRegistrationException(string message)
        : base(message)
    {
    }

    public SchemaRegistrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SchemaRegistrationException(string subject, SchemaRegistrationFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Subject = subject;
        Failure = failure;
    }

    /// <summary>The subject at fault.</summary>
    public string? Subject { get; }

    public SchemaRegistrationFailure Failure { get; } = SchemaRegistrationFailure.Rejected;
}
