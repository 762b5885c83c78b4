using System.Text;
using System.Text.Json.Nodes;

namespace Jericommerce.Streams.Schemas.Tests;

/// <summary>
/// Payloads near a valid one, to compare two validators on: every member removed, every value replaced by values
/// of each JSON kind (and by the strings the schemas name, also escaped), unknown members added, and random
/// combinations of those (seeded, so a failure reproduces).
/// </summary>
internal static class PayloadMutations
{
    private static readonly string[] Replacements =
    [
        "null", "true", "false", "0", "-1", "1.5", "1e400", "\"\"", "\"x\"", "[]", "[\"a\"]", "{}", "{\"a\":1}",
        "\"2025-03-14T10:02:11Z\"", "\"2025-03-14T10:02:11.123+01:00\"", "\"2025-03-14T10:02:11\"", "\"2025-13-14T10:02:11Z\"",
        "\"2025-03-14 10:02:11Z\"", "\"2025-02-30T10:02:11Z\"", "\"2025-03-14T25:02:11Z\"", "\"2025-03-14\"",
        "\"Wallet click\"", "\"Wallet\\u0020click\"", "\"Wallet visit\"", "\"wallet click\"", "\"generic_link\"", "\"wallet\"",
        "\"wallet_pass\"", "\"wallet\\u005fpass\"", "\"Wallet pass installed\"", "\"Customer created\"", "\"Customer scanned\"",
    ];

    /// <summary>Each single mutation of <paramref name="valid"/>, described; each also with every letter of its strings and names escaped.</summary>
    public static IEnumerable<(string What, byte[] Payload)> Single(string valid) =>
        SingleUnescaped(valid).SelectMany(mutation => new[]
        {
            mutation,
            (mutation.What + " (letters escaped)", Encoding.UTF8.GetBytes(EscapeLetters(Encoding.UTF8.GetString(mutation.Payload)))),
        });

    /// <summary>
    /// The same JSON with every ASCII letter inside strings and property names written as a \u escape: a validator must
    /// compare unescaped values ("Wallet\u0020click" is "Wallet click").
    /// </summary>
    public static string EscapeLetters(string json)
    {
        var text = new StringBuilder(json.Length * 3);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString && c == '\\')
            {
                // An escape stays as it is: \uXXXX whole (its hex digits are not letters to escape), else two characters.
                var length = json[i + 1] == 'u' ? 6 : 2;
                text.Append(json, i, length);
                i += length - 1;
            }
            else if (c == '"')
            {
                inString = !inString;
                text.Append(c);
            }
            else if (inString && char.IsAsciiLetter(c))
            {
                text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private static IEnumerable<(string What, byte[] Payload)> SingleUnescaped(string valid)
    {
        var root = JsonNode.Parse(valid)!;
        yield return ("unchanged", Encode(root));
        foreach (var replacement in Replacements.Concat(["[{}]", "\"a string\""]))
        {
            yield return ($"root = {replacement}", Encoding.UTF8.GetBytes(replacement));
        }

        foreach (var path in Paths(root))
        {
            var removed = root.DeepClone();
            Remove(removed, path);
            yield return ($"remove {path}", Encode(removed));
            foreach (var replacement in Replacements)
            {
                var replaced = root.DeepClone();
                Replace(replaced, path, JsonNode.Parse(replacement));
                yield return ($"{path} = {replacement}", Encode(replaced));
            }
        }

        foreach (var objectPath in Paths(root).Prepend("").Where(path => Find(root, path) is JsonObject))
        {
            foreach (var name in new[] { "extra", "name", "id", "utm_medium", "email", "properties" })
            {
                foreach (var value in new[] { "1", "\"x\"", "{}" })
                {
                    var added = root.DeepClone();
                    var target = (JsonObject)Find(added, objectPath)!;
                    if (!target.ContainsKey(name))
                    {
                        target[name] = JsonNode.Parse(value);
                        yield return ($"add {objectPath}/{name} = {value}", Encode(added));
                    }
                }
            }
        }
    }

    /// <summary><paramref name="count"/> payloads with two to four random mutations each, from <paramref name="seed"/>.</summary>
    public static IEnumerable<(string What, byte[] Payload)> Random(string valid, int seed, int count)
    {
        var random = new Random(seed);
        var root = JsonNode.Parse(valid)!;
        var paths = Paths(root).ToList();
        for (var i = 0; i < count; i++)
        {
            var mutated = root.DeepClone();
            var steps = new List<string>();
            for (var step = random.Next(2, 5); step > 0; step--)
            {
                var path = paths[random.Next(paths.Count)];
                if (Find(mutated, path) is null && !ParentExists(mutated, path))
                {
                    continue;
                }

                if (random.Next(4) == 0)
                {
                    Remove(mutated, path);
                    steps.Add($"remove {path}");
                }
                else
                {
                    var replacement = Replacements[random.Next(Replacements.Length)];
                    Replace(mutated, path, JsonNode.Parse(replacement));
                    steps.Add($"{path} = {replacement}");
                }
            }

            yield return ($"seed {seed} #{i}: {string.Join(", ", steps)}", Encode(mutated));
        }
    }

    private static IEnumerable<string> Paths(JsonNode node, string prefix = "")
    {
        if (node is not JsonObject members)
        {
            yield break;
        }

        foreach (var (name, child) in members)
        {
            var path = $"{prefix}/{name}";
            yield return path;
            if (child is not null)
            {
                foreach (var nested in Paths(child, path))
                {
                    yield return nested;
                }
            }
        }
    }

    private static JsonNode? Find(JsonNode root, string path)
    {
        var node = root;
        foreach (var name in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (node is not JsonObject members || !members.TryGetPropertyValue(name, out node) || node is null)
            {
                return null;
            }
        }

        return node;
    }

    private static bool ParentExists(JsonNode root, string path) => Find(root, path[..path.LastIndexOf('/')]) is JsonObject;

    private static void Remove(JsonNode root, string path)
    {
        if (Find(root, path[..path.LastIndexOf('/')]) is JsonObject parent)
        {
            parent.Remove(path[(path.LastIndexOf('/') + 1)..]);
        }
    }

    private static void Replace(JsonNode root, string path, JsonNode? value)
    {
        if (Find(root, path[..path.LastIndexOf('/')]) is JsonObject parent)
        {
            parent[path[(path.LastIndexOf('/') + 1)..]] = value;
        }
    }

    private static byte[] Encode(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
