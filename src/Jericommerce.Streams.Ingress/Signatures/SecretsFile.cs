using Jericommerce.Streams.Signatures;

namespace Jericommerce.Streams.Ingress.Signatures;

/// <summary>The secrets file format, shared with <c>jcs</c> (<see cref="SecretsFileFormat"/>).</summary>
internal static class SecretsFile
{
    public static IReadOnlyList<(string Name, string Secret)> Parse(IEnumerable<string> lines) => SecretsFileFormat.Parse(lines);
}
