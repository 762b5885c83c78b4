namespace Jericommerce.Streams.Schemas.Tests;

public sealed class ReadmeTableTests
{
    [Fact]
    public void Readme_EventTypeTable_MatchesTheCatalog()
    {
        var readme = Path.Combine(TestCatalog.RepositoryRoot(), "README.md");
        var expected = EventTypeTable.Render(TestCatalog.Instance);

        var text = File.ReadAllText(readme).ReplaceLineEndings("\n");

        Assert.True(
            text.Contains(expected, StringComparison.Ordinal),
            $"README.md must contain this table, markers included, exactly as the catalog renders it:\n{expected}");
    }
}
