namespace Jericommerce.Streams.Schemas;

/// <summary>The outcome of validating one payload, with the reasons when it failed.</summary>
public sealed class ValidationResult
{
    /// <summary>Shared instance so that the valid path, by far the most common, allocates nothing here.</summary>
    public static ValidationResult Valid { get; } = new(ValidationOutcome.Valid, []);

    private ValidationResult(ValidationOutcome outcome, IReadOnlyList<ValidationError> errors)
    {
        Outcome = outcome;
        Errors = errors;
    }

    public ValidationOutcome Outcome { get; }

    public bool IsValid => Outcome == ValidationOutcome.Valid;

    /// <summary>Empty when valid; otherwise at least one error.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    internal static ValidationResult InvalidJson(string message) =>
        new(ValidationOutcome.InvalidJson, [new ValidationError(string.Empty, null, message)]);

    internal static ValidationResult SchemaViolation(IReadOnlyList<ValidationError> errors) =>
        new(ValidationOutcome.SchemaViolation, errors);
}
