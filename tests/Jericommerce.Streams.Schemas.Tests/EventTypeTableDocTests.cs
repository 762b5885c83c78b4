namespace Jericommerce.Streams.Schemas.Tests;

public sealed class EventTypeTableDocTests
{
    [Fact]
    public void SchemasPage_EventTypeTable_MatchesTheCatalog()
    {
        var page = Path.Combine(TestCatalog.RepositoryRoot(), "docs", "schemas.md");
        var expected = EventTypeTable.Render(TestCatalog.Instance);

        var text = File.ReadAllText(page).ReplaceLineEndings("\n");

        Assert.True(
            text.Contains(expected, StringComparison.Ordinal),
            $"docs/schemas.md must contain this table, markers included, exactly as the catalog renders it:\n{expected}");
    }
}
