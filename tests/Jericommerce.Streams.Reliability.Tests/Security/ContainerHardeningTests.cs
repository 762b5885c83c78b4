using System.Text.RegularExpressions;

namespace Jericommerce.Streams.Reliability.Tests.Security;

/// <summary>
/// The container files (written by the packaging work): every image runs as a non-root user, no image
/// bakes a secret in, and compose files hold no secret but the clearly-marked development one
/// (<c>dev-secret</c>, see the README). Skipped, saying so, while the repository has no such files.
/// </summary>
public sealed partial class ContainerHardeningTests
{
    private const string DevSecret = "dev-secret";

    [Fact]
    public void EveryDockerfile_RunsItsFinalStageAsANonRootUser()
    {
        var dockerfiles = Dockerfiles();
        Assert.SkipWhen(dockerfiles.Count == 0, "No Dockerfile in the repository yet: nothing to check.");
        var problems = new List<string>();
        foreach (var file in dockerfiles)
        {
            var instructions = Instructions(File.ReadAllText(file));
            var lastFrom = instructions.FindLastIndex(i => i.Keyword == "FROM");
            if (lastFrom < 0)
            {
                problems.Add($"{Relative(file)}: no FROM");
                continue;
            }

            var user = instructions.Skip(lastFrom).Where(i => i.Keyword == "USER").Select(i => i.Argument).LastOrDefault();
            var image = instructions[lastFrom].Argument;

            // .NET's chiseled (and distroless) images already run as the non-root user 'app'.
            var nonRootBase = image.Contains("chiseled", StringComparison.OrdinalIgnoreCase) || image.Contains("distroless", StringComparison.OrdinalIgnoreCase);
            if (user is null && !nonRootBase)
            {
                problems.Add($"{Relative(file)}: the final stage ({image}) has no USER, so it runs as root");
            }
            else if (user is not null && IsRoot(user))
            {
                problems.Add($"{Relative(file)}: the final stage runs as USER {user}");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void NoDockerfile_BakesASecretIntoTheImage()
    {
        var dockerfiles = Dockerfiles();
        Assert.SkipWhen(dockerfiles.Count == 0, "No Dockerfile in the repository yet: nothing to check.");
        var problems = new List<string>();
        foreach (var file in dockerfiles)
        {
            foreach (var instruction in Instructions(File.ReadAllText(file)).Where(i => i.Keyword is "ENV" or "ARG"))
            {
                foreach (Match setting in Assignment().Matches(instruction.Argument))
                {
                    var (name, value) = (setting.Groups["name"].Value, setting.Groups["value"].Value.Trim('"', '\''));
                    if (IsSecretSetting(name) && value.Length > 0 && value != DevSecret)
                    {
                        problems.Add($"{Relative(file)}: {instruction.Keyword} {name} has a value baked in");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void ComposeFiles_HoldNoSecretButTheMarkedDevelopmentOne()
    {
        var composeFiles = RepositoryFiles.Matching(n => ComposeFile().IsMatch(n));
        Assert.SkipWhen(composeFiles.Count == 0, "No compose file in the repository yet: nothing to check.");
        var problems = new List<string>();
        foreach (var file in composeFiles)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Split('#')[0];
                var setting = ComposeSetting().Match(line);
                if (!setting.Success || !IsSecretSetting(setting.Groups["name"].Value))
                {
                    continue;
                }

                var value = setting.Groups["value"].Value.Trim().Trim('"', '\'');

                // Allowed: nothing, the documented dev secret, or a reference to the environment whose default (if any) is that one.
                var reference = Reference().Match(value);
                var fine = value.Length == 0 || value == DevSecret
                    || (reference.Success && (!reference.Groups["default"].Success || reference.Groups["default"].Value is "" or DevSecret));
                if (!fine)
                {
                    problems.Add($"{Relative(file)}:{i + 1}: {setting.Groups["name"].Value} has a literal secret");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static IReadOnlyList<string> Dockerfiles() =>
        RepositoryFiles.Matching(n => n == "Dockerfile" || n.StartsWith("Dockerfile.", StringComparison.Ordinal) || n.EndsWith(".Dockerfile", StringComparison.OrdinalIgnoreCase));

    /// <summary>Dockerfile instructions, continuation lines joined and comments dropped.</summary>
    private static List<(string Keyword, string Argument)> Instructions(string text)
    {
        var joined = Regex.Replace(text, @"\\\r?\n", " ");
        return [.. joined.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l =>
            {
                var space = l.IndexOfAny([' ', '\t']);
                return space < 0 ? (l.ToUpperInvariant(), "") : (l[..space].ToUpperInvariant(), l[(space + 1)..].Trim());
            })];
    }

    /// <summary>A setting that holds a secret itself (not a file or a path naming where one is mounted).</summary>
    private static bool IsSecretSetting(string name) =>
        SecretName().IsMatch(name) && !name.EndsWith("file", StringComparison.OrdinalIgnoreCase) && !name.EndsWith("path", StringComparison.OrdinalIgnoreCase);

    private static bool IsRoot(string user)
    {
        var name = user.Split(':')[0].Trim();
        return name is "root" or "0" or "";
    }

    private static string Relative(string file) => Path.GetRelativePath(RepositoryFiles.Root, file);

    [GeneratedRegex(@"(?i)(secret|password|passwd|token|api[_-]?key|private[_-]?key|sasl)")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_.\-]*)=(?<value>""[^""]*""|'[^']*'|\S*)")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^(docker-)?compose([.\-][\w.\-]+)?\.ya?ml$")]
    private static partial Regex ComposeFile();

    [GeneratedRegex(@"^\s*-?\s*(?<name>[A-Za-z_][A-Za-z0-9_.\-]*)\s*[:=]\s*(?<value>.*)$")]
    private static partial Regex ComposeSetting();

    [GeneratedRegex(@"^\$\{(?<var>[A-Za-z_][A-Za-z0-9_]*)(:?-(?<default>[^}]*))?\}$")]
    private static partial Regex Reference();
}
