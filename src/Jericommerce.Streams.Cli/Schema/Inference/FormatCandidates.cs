using System.Text.Json;
using Json.Schema;

namespace Jericommerce.Streams.Cli.Schema.Inference;

/// <summary>
/// The string formats a draft may assert, narrowed with each string seen: a format survives only while every string
/// fits it. Checked with JsonSchema.Net's own formats, the ones the worker asserts, so a draft never claims a format
/// its own samples would fail.
/// </summary>
internal sealed class FormatCandidates
{
    // Most specific first: when several survive (rare: a uuid is no uri without a scheme), the first is chosen.
    private static readonly Format[] All = [Formats.DateTime, Formats.Uuid, Formats.Email, Formats.Uri];

    private readonly List<Format> _fitting = [.. All];

    /// <summary>The format every string seen fits, or null.</summary>
    public string? Chosen => _fitting.Count == 0 ? null : _fitting[0].Key;

    public void Add(JsonElement value) => _fitting.RemoveAll(format => !format.Validate(value, out _));
}
