using System.Diagnostics;
using System.Globalization;

namespace Jericommerce.Streams.Reliability.Tests.Harness;

/// <summary>
/// The processes a test host starts die with it, however it ends. The harness here is this test assembly
/// itself, run as a second process on <see cref="HarnessStand_StartsAChildThenEndsAsTold"/>: it starts a child
/// through <see cref="ChildProcesses"/>, writes the child's id, then ends as told.
/// </summary>
public sealed class ChildProcessesTests
{
    private const string StandVariable = "JCS_CHILD_PROCESS_STAND";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("normal", null)]
    [InlineData("fail", null)]
    [InlineData("hang", "TERM")]
    [InlineData("hang", "KILL")]
    public async Task ChildOfTheHarness_DiesWithIt_WhenTheHarnessEnds(string ending, string? signal)
    {
        Assert.SkipUnless(ChildProcesses.DieWithHarness, $"needs Linux with {ChildProcesses.Launcher} (util-linux)");
        var cancel = TestContext.Current.CancellationToken;
        var pidFile = Path.Combine(Path.GetTempPath(), $"jcs-child-{Guid.NewGuid():N}.pid");
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Jericommerce.Streams.Reliability.Tests"))
        {
            ArgumentList = { "-method", $"{typeof(ChildProcessesTests).FullName}.{nameof(HarnessStand_StartsAChildThenEndsAsTold)}", "-explicit", "only" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { [StandVariable] = $"{ending}|{pidFile}" },
        };
        using var harness = new Process { StartInfo = start };
        harness.OutputDataReceived += (_, _) => { };
        harness.ErrorDataReceived += (_, _) => { };
        ChildProcesses.Start(harness);
        harness.BeginOutputReadLine();
        harness.BeginErrorReadLine();
        try
        {
            var child = await Eventually.ValueAsync(() => ReadPid(pidFile), "the harness to start its child and write the child's id", Patience, cancel);
            Assert.True(IsAlive(child), $"child {child} was not running while its harness was");

            // Only now may the harness end: otherwise a harness ending at once could take its child with it before
            // this test looked.
            await File.WriteAllTextAsync(pidFile + ".seen", "", cancel);

            if (signal is not null)
            {
                using var kill = Process.Start("kill", ["-" + signal, harness.Id.ToString(CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync(cancel);
            }

            await Eventually.UntilAsync(() => harness.HasExited, $"the harness to end ({ending}, {signal ?? "no signal"})", Patience, cancel);
            await Eventually.UntilAsync(() => !IsAlive(child), $"child {child} to die with its harness ({ending}, {signal ?? "no signal"})", TimeSpan.FromSeconds(15), cancel);
        }
        finally
        {
            File.Delete(pidFile);
            File.Delete(pidFile + ".seen");
        }
    }

    [Fact(Explicit = true)]
    public async Task HarnessStand_StartsAChildThenEndsAsTold()
    {
        var stand = Environment.GetEnvironmentVariable(StandVariable);
        Assert.SkipWhen(stand is null, $"the harness half of {nameof(ChildOfTheHarness_DiesWithIt_WhenTheHarnessEnds)}, run by it");
        var (ending, pidFile) = (stand.Split('|')[0], stand.Split('|')[1]);
        var child = ChildProcesses.Start(new ProcessStartInfo("sleep") { ArgumentList = { "300" } });
        await File.WriteAllTextAsync(pidFile + ".tmp", child.Id.ToString(CultureInfo.InvariantCulture), TestContext.Current.CancellationToken);
        File.Move(pidFile + ".tmp", pidFile);
        await Eventually.UntilAsync(() => File.Exists(pidFile + ".seen"), "the test to have seen the child running", Patience, TestContext.Current.CancellationToken);
        switch (ending)
        {
            case "fail":
                Assert.Fail("failing on purpose, with a child running");
                break;
            case "hang":
                // Deliberate: this run hangs until the harness is killed, which is what the test is about.
                await Task.Delay(Timeout.InfiniteTimeSpan, TestContext.Current.CancellationToken);
                break;
        }
    }

    private static int? ReadPid(string file) =>
        File.Exists(file) && int.TryParse(File.ReadAllText(file), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null;

    /// <summary>Running: it has an entry in /proc and is not a zombie waiting to be reaped.</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
