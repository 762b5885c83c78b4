namespace Jericommerce.Streams.SchemaRegistry;

/// <summary>The checks on <see cref="SchemaRegistryOptions"/> that attributes cannot express; messages name the keys, never a secret.</summary>
public static class SchemaRegistryOptionsCheck
{
    /// <summary>What is wrong with <paramref name="options"/>; empty when nothing is.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="urlRequired">Whether a registry is needed at all (the worker: only for <c>json-sr</c>).</param>
    /// <param name="requiredBecause">Said after "SchemaRegistry:Url is required" when it is missing, e.g. "when Worker:TypedFormat is 'json-sr'".</param>
    public static IReadOnlyList<string> Problems(SchemaRegistryOptions options, bool urlRequired, string? requiredBecause = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            if (urlRequired)
            {
                problems.Add($"SchemaRegistry:Url is required{(requiredBecause is null ? string.Empty : " " + requiredBecause)} (e.g. http://127.0.0.1:8081).");
            }
        }
        else
        {
            foreach (var part in options.Url.Split(','))
            {
                // The value itself is not repeated: it might carry credentials.
                if (!Uri.TryCreate(part.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                {
                    problems.Add("SchemaRegistry:Url must be one or more absolute http:// or https:// URLs, comma-separated.");
                    break;
                }

                if (!string.IsNullOrEmpty(url.UserInfo))
                {
                    problems.Add("SchemaRegistry:Url must not carry credentials: put them in SchemaRegistry:BasicAuthUserInfo.");
                    break;
                }
            }
        }

        if (!string.IsNullOrEmpty(options.BasicAuthUserInfo) && options.BasicAuthUserInfo.IndexOf(':', StringComparison.Ordinal) <= 0)
        {
            problems.Add("SchemaRegistry:BasicAuthUserInfo must be of the form user:password.");
        }

        return problems;
    }
}
