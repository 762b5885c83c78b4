using Jericommerce.Streams.Ingress.Options;
using Jericommerce.Streams.Ingress.Signatures;

namespace Jericommerce.Streams.Ingress.Tests.Unit;

public sealed class SecretsFileTests
{
    private static IReadOnlyList<(string Name, string Secret)> Parse(params string[] lines) => SecretsFile.Parse(lines);

    [Fact]
    public void Parse_WhenALineIsNameEqualsSecret_UsesThatName() =>
        Assert.Equal([("primary", "s3cret")], Parse("primary=s3cret"));

    [Fact]
    public void Parse_WhenALineIsABareSecret_NamesItByItsLineNumber() =>
        Assert.Equal([("file:2", "s3cret")], Parse("# comment", "s3cret"));

    [Fact]
    public void Parse_SkipsBlankLinesAndComments_AndTrimsWhitespace() =>
        Assert.Equal([("a", "one"), ("file:5", "two")], Parse("", "  # note", " a = one ", "   ", "\ttwo\r"));

    [Theory]
    [InlineData("c2VjcmV0=")]
    [InlineData("c2VjcmV0==")]
    public void Parse_WhenABareSecretEndsInBase64Padding_KeepsItWhole(string secret) =>
        Assert.Equal([("file:1", secret)], Parse(secret));

    [Fact]
    public void Parse_WhenANamedSecretContainsEquals_SplitsAtTheFirst() =>
        Assert.Equal([("rotated", "c2VjcmV0==")], Parse("rotated=c2VjcmV0=="));

    [Fact]
    public void Parse_WhenTheTextBeforeEqualsIsNotAName_TreatsTheLineAsABareSecret() =>
        Assert.Equal([("file:1", "not a name=secret")], Parse("not a name=secret"));

    [Fact]
    public void Parse_WhenOnlyPaddingFollowsTheFirstEquals_TreatsTheLineAsABareSecret() =>
        Assert.Equal([("file:1", "named=")], Parse("named=   "));

    [Fact]
    public void Load_WhenANameIsUsedTwice_ReportsItWithoutTheSecret()
    {
        var file = Path.GetTempFileName();
        File.WriteAllLines(file, ["0=from-the-file"]);
        try
        {
            var errors = new List<string>();
            var options = new IngressOptions { SecretsFile = file };
            options.Secrets["0"] = "from-config";

            var secrets = WebhookSecrets.Load(options, errors);

            Assert.Equal(["0"], secrets.Select(s => s.Name));
            var error = Assert.Single(errors);
            Assert.Contains("'0' is used twice", error, StringComparison.Ordinal);
            Assert.DoesNotContain("from-", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
