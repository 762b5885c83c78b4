using System.Reflection;
using BenchmarkDotNet.Running;
using Jericommerce.Streams.Benchmarks;

namespace Jericommerce.Streams.LoadTests.Tests;

/// <summary>
/// Every hot-path case sets up and runs once, as BenchmarkDotNet would call it: a case whose setup no longer holds
/// (the code it measures changed behaviour) shows up here, not as "failed (see the log)" in the next results table.
/// </summary>
public sealed class HotPathSuiteTests
{
    public static TheoryData<string> Classes() => [.. HotPathSuite.Classes.Select(type => type.Name)];

    [Theory]
    [MemberData(nameof(Classes))]
    public void EveryCase_SetsUpAndRunsOnce(string className)
    {
        var type = HotPathSuite.Classes.Single(t => t.Name == className);
        var cases = BenchmarkConverter.TypeToBenchmarks(type).BenchmarksCases;
        Assert.NotEmpty(cases);
        foreach (var benchmarkCase in cases)
        {
            var instance = Activator.CreateInstance(type)!;
            foreach (var parameter in benchmarkCase.Parameters.Items)
            {
                Set(instance, parameter.Name, parameter.Value);
            }

            var descriptor = benchmarkCase.Descriptor;
            try
            {
                descriptor.GlobalSetupMethod?.Invoke(instance, null);
                descriptor.IterationSetupMethod?.Invoke(instance, null);
                descriptor.WorkloadMethod.Invoke(instance, null);
                descriptor.IterationCleanupMethod?.Invoke(instance, null);
                descriptor.GlobalCleanupMethod?.Invoke(instance, null);
            }
            catch (TargetInvocationException ex)
            {
                Assert.Fail($"{benchmarkCase.DisplayInfo}: {ex.InnerException?.Message}");
            }
        }
    }

    private static void Set(object instance, string name, object value)
    {
        const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        if (instance.GetType().GetProperty(name, Members) is { } property)
        {
            property.SetValue(instance, value);
        }
        else
        {
            instance.GetType().GetField(name, Members)!.SetValue(instance, value);
        }
    }
}
