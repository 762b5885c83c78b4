using System.Diagnostics;

namespace Jericommerce.Streams.Testing;

/// <summary>The two ways tests start a program: one of this repository's, built beside them, or a tool run to its end.</summary>
public static partial class ChildProcesses
{
    /// <summary>
    /// <c>dotnet &lt;dll&gt; arguments</c> for one of this repository's programs (<c>jcs.dll</c>, <c>jcs-worker.dll</c>... beside
    /// the tests, or a full path), run from the dll's folder (where it finds its appsettings.json) with its standard
    /// output and error redirected, and <paramref name="environment"/> on top of the test's own (null removes a variable).
    /// </summary>
    public static ProcessStartInfo Dotnet(string dll, IEnumerable<KeyValuePair<string, string?>>? environment = null, params IEnumerable<string> arguments)
    {
        var path = Path.Combine(AppContext.BaseDirectory, dll);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(path)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? [])
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        return start;
    }

    /// <summary>
    /// Runs <paramref name="start"/> (as a child that dies with the tests) to its end, with <paramref name="input"/> on its
    /// standard input, and gives its exit code and output; kills it and fails after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<ChildProcessResult> RunAsync(ProcessStartInfo start, TimeSpan timeout, string? input = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var command = $"{start.FileName} {string.Join(' ', start.ArgumentList)}";
        using var process = Start(start);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within {timeout.TotalSeconds:0} s.");
        }

        return new ChildProcessResult(process.ExitCode, await output, await error);
    }

    /// <summary>Whether <paramref name="program"/> is an executable file in a folder of the <c>PATH</c>.</summary>
    public static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, program)));
}

/// <summary>How a program run to its end ended: its exit code, standard output and standard error.</summary>
public sealed record ChildProcessResult(int ExitCode, string Out, string Error)
{
    /// <summary>Both outputs, for a failure message.</summary>
    public string Text => Out + Error;
}
