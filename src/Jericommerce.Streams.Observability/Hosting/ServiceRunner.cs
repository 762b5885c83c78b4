using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jericommerce.Streams.Observability.Hosting;

/// <summary>
/// Runs a service so that a failure to start reads as one line on standard error and exit code
/// <see cref="CannotStartExitCode"/>: the host's own report of it is a stack-trace dump, and the unhandled
/// exception then aborts the process (exit 134), which tells an operator or an orchestrator nothing useful.
/// </summary>
public static class ServiceRunner
{
    /// <summary>The exit code of a service that could not start (bad settings, a broker it cannot use).</summary>
    public const int CannotStartExitCode = 3;

    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>
    /// Leaves the host's start-up failure entry (an error with the whole stack trace) to <see cref="Run"/>. Its
    /// critical entries stay; the services log their own run-time failures in one line.
    /// </summary>
    public static ILoggingBuilder QuietHostStartupFailures(this ILoggingBuilder logging) => logging.AddFilter(HostCategory, LogLevel.Critical);

    /// <summary>Builds the host with <paramref name="build"/> and runs it until it stops; returns the process's exit code.</summary>
    public static int Run(string service, Func<IHost> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        try
        {
            // Run disposes the host. Not disposed here: a test host (WebApplicationFactory) takes the built host and
            // ends this method with HostAbortedException, which is its to handle.
            build().Run();
            return Environment.ExitCode;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or HostAbortedException) && OwnsTheProcess(build))
        {
            Console.Error.WriteLine($"{service} cannot start: {Describe(e)}");
            return CannotStartExitCode;
        }
    }

    /// <summary>
    /// True when the service is the process (its assembly is the entry assembly). A test host (WebApplicationFactory)
    /// runs the same entry point inside the test process and must see the exception as before.
    /// </summary>
    private static bool OwnsTheProcess(Delegate build) => Assembly.GetEntryAssembly() == build.Method.Module.Assembly;

    /// <summary>What went wrong, in one line: the validation failures, or the innermost message.</summary>
    public static string Describe(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var text = failure switch
        {
            OptionsValidationException validation => string.Join(" ", validation.Failures),

            // The configuration binder names the key, and the value's converter what it takes (SettingEnumConverter).
            InvalidOperationException { InnerException: FormatException format } => $"{failure.Message} {format.Message}",
            AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
            _ when failure.InnerException is { } inner && failure is TargetInvocationException or TypeInitializationException => Describe(inner),
            _ => failure.Message,
        };
        return string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
