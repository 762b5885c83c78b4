using System.Text.RegularExpressions;

namespace Jericommerce.Streams.Schemas.Tests;

/// <summary>
/// The README is the front door and <c>docs/</c> the manual: every relative link between them, and every
/// <c>#anchor</c> in such a link, leads somewhere (anchors as GitHub makes them from headings).
/// </summary>
public sealed partial class DocumentationLinksTests
{
    [Fact]
    public void ReadmeAndDocs_EveryRelativeLinkAndAnchor_Resolves()
    {
        var root = TestCatalog.RepositoryRoot();
        var pages = Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Append(Path.Combine(root, "README.md")).ToList();
        var broken = new List<string>();
        foreach (var page in pages)
        {
            foreach (Match link in Link().Matches(Prose(File.ReadAllText(page))))
            {
                var target = link.Groups["target"].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                var (file, anchor) = target.IndexOf('#') is var hash and >= 0 ? (target[..hash], target[(hash + 1)..]) : (target, "");
                var resolved = file.Length == 0 ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, file));
                if (!File.Exists(resolved) && !Directory.Exists(resolved))
                {
                    broken.Add($"{Path.GetRelativePath(root, page)}: {target} (no such file)");
                }
                else if (anchor.Length > 0 && resolved.EndsWith(".md", StringComparison.Ordinal) && !Anchors(resolved).Contains(anchor))
                {
                    broken.Add($"{Path.GetRelativePath(root, page)}: {target} (no such heading)");
                }
            }
        }

        Assert.True(pages.Count > 5, "docs/ holds the manual's pages");
        Assert.True(broken.Count == 0, string.Join('\n', broken));
    }

    /// <summary>The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces to hyphens, repeats numbered.</summary>
    private static HashSet<string> Anchors(string page)
    {
        var seen = new Dictionary<string, int>();
        var anchors = new HashSet<string>();
        foreach (Match heading in Heading().Matches(CodeBlock().Replace(File.ReadAllText(page).ReplaceLineEndings("\n"), "")))
        {
            var slug = NotSlug().Replace(heading.Groups["text"].Value.Trim().ToLowerInvariant(), "").Replace(' ', '-');
            var n = seen.GetValueOrDefault(slug);
            seen[slug] = n + 1;
            anchors.Add(n == 0 ? slug : $"{slug}-{n}");
        }

        return anchors;
    }

    /// <summary>The page without its code blocks and inline code, where brackets are not links.</summary>
    private static string Prose(string markdown) => InlineCode().Replace(CodeBlock().Replace(markdown.ReplaceLineEndings("\n"), ""), "");

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6} (?<text>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex NotSlug();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();
}
