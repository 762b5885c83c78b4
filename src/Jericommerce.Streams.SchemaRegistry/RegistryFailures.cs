using System.Net;
using Confluent.SchemaRegistry;

namespace Jericommerce.Streams.SchemaRegistry;

/// <summary>
/// Sorts what Confluent's client throws (checked against Confluent.SchemaRegistry 2.16's RestService): a
/// <see cref="SchemaRegistryException"/> carries the HTTP status of an answer; every transport failure (refused,
/// reset, DNS, TLS, its own request timeout) reaches the caller as a plain <see cref="HttpRequestException"/> that
/// aggregates the attempts, except a 401 without a JSON body, which it reports as one whose cause says "Unauthorized".
/// </summary>
internal static class RegistryFailures
{
    private const string UnauthorizedMessage = "Unauthorized";

    /// <summary>Worth retrying: no answer, or 408, 429, 5xx.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SchemaRegistryException answer => answer.Status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)answer.Status >= 500,
        HttpRequestException transport => !IsBareUnauthorized(transport),
        OperationCanceledException or TimeoutException => true,
        _ => false,
    };

    /// <summary>What a refusal means for the subject.</summary>
    public static SchemaRegistrationFailure Classify(Exception exception) => exception switch
    {
        SchemaRegistryException { Status: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } => SchemaRegistrationFailure.Unauthorized,
        SchemaRegistryException { ErrorCode: 40401 } => SchemaRegistrationFailure.NotRegistered,
        SchemaRegistryException { Status: HttpStatusCode.Conflict } => SchemaRegistrationFailure.Incompatible,
        HttpRequestException transport when IsBareUnauthorized(transport) => SchemaRegistrationFailure.Unauthorized,
        _ => SchemaRegistrationFailure.Rejected,
    };

    /// <summary>The cause in one line: the status and registry error code of an answer, else the transport error.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        SchemaRegistryException answer => $"HTTP {(int)answer.Status}, error {answer.ErrorCode}: {answer.Message}",
        _ => exception.Message,
    };

    private static bool IsBareUnauthorized(HttpRequestException exception) =>
        exception.Message == UnauthorizedMessage || exception.InnerException is HttpRequestException { Message: UnauthorizedMessage };
}
