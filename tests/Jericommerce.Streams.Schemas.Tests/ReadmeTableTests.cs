namespace Jericommerce.Streams.Schemas.Tests;

public sealed class ReadmeTableTests
{
    // The fragment is where the section is drafted; once merged, README.md is the one that must stay right.
    private static readonly string[] Documents = ["README.md", "docs-fragments/schemas.md"];

    [Fact]
    public void Readme_EventTypeTable_MatchesTheCatalog()
    {
        var root = TestCatalog.RepositoryRoot();
        var expected = EventTypeTable.Render(TestCatalog.Instance);
        var documents = Documents.Select(name => Path.Combine(root, name)).Where(File.Exists).ToList();

        Assert.True(documents.Count > 0, $"None of {string.Join(", ", Documents)} exists; README.md needs this table:\n{expected}");
        foreach (var document in documents)
        {
            var text = File.ReadAllText(document).ReplaceLineEndings("\n");
            Assert.True(
                text.Contains(expected, StringComparison.Ordinal),
                $"{document} must contain this table, markers included, exactly as the catalog renders it:\n{expected}");
        }
    }
}
