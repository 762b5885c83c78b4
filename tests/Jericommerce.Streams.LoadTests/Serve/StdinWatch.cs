namespace Jericommerce.Streams.LoadTests.Serve;

/// <summary>Harness-hosted children read their standard input until it closes: the harness stopped or died.</summary>
internal static class StdinWatch
{
    public static Task ClosedAsync() => Task.Run(async () =>
    {
        while (await Console.In.ReadLineAsync() is not null)
        {
        }
    });
}
