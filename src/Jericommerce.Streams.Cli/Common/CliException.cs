namespace Jericommerce.Streams.Cli.Common;

/// <summary>
/// An expected failure (bad input, nothing listening, a broker that cannot do what was asked): reported as one
/// line on stderr with a non-zero exit code, never as a stack trace.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException()
        : this("jcs failed.")
    {
    }

    public CliException(string message)
        : this(message, ExitCodes.Failure)
    {
    }

    public CliException(string message, int exitCode)
        : base(message) => ExitCode = exitCode;

    public CliException(string message, Exception innerException)
        : base(message, innerException) => ExitCode = ExitCodes.Failure;

    public int ExitCode { get; }

    /// <summary>A wrong option value: exit code 2, like a command line that does not parse.</summary>
    public static CliException Usage(string message) => new(message, ExitCodes.Usage);
}
