namespace Jericommerce.Streams.Cli.Common;

/// <summary>What <c>jcs</c> exits with, so scripts can tell outcomes apart.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and failed (a request was refused, Kafka said no, an event landed elsewhere).</summary>
    public const int Failure = 1;

    /// <summary>The command line or an option value is wrong.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl-C before it finished (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
