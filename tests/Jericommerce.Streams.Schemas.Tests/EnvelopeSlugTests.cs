using System.Text;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Schemas.Tests;

public sealed class EnvelopeSlugTests
{
    [Theory]
    [InlineData("Balance changed", "balance-changed")]
    [InlineData("Reward Redeemed", "reward-redeemed")]
    [InlineData("  tier__changed -- ", "tier-changed")]
    [InlineData("Check-in 2", "check-in-2")]
    public void Create_NormalisesTheHeaderTheWayTheCatalogMatchesNames(string header, string slug)
    {
        Assert.Equal(slug, EnvelopeSlug.Create(header));
        Assert.Equal(HeaderNameNormalizer.Normalize(header), EnvelopeSlug.Create(header));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("--__--")]
    [InlineData("Kundenbestätigung")]
    [InlineData("客户生日")]
    [InlineData("../../etc/passwd")]
    [InlineData("a/b")]
    [InlineData("wallet.click")]
    [InlineData("jericommerce.dlq")]
    [InlineData("name\u0000with-nul")]
    public void Create_WhenTheHeaderHasNothingButOrMoreThanAsciiNameCharacters_GivesNoSlug(string header) =>
        Assert.Null(EnvelopeSlug.Create(header));

    [Fact]
    public void Create_WhenTheSlugWouldBeLongerThanTheLimit_GivesNoSlug()
    {
        Assert.NotNull(EnvelopeSlug.Create(new string('a', EnvelopeSlug.MaxLength)));
        Assert.Null(EnvelopeSlug.Create(new string('a', EnvelopeSlug.MaxLength + 1)));
        Assert.Null(EnvelopeSlug.Create(new string('x', 10_000)));
        Assert.Null(EnvelopeSlug.Create(string.Concat(Enumerable.Repeat("a ", 5_000))));
    }

    [Fact]
    public void Catalog_DeclaresTheBaseSchemaAsTheEnvelope_AndItAcceptsAnyWellFormedEventButNotABrokenOne()
    {
        var envelope = TestCatalog.Instance.Envelope;
        Assert.NotNull(envelope);
        Assert.Equal("base.v1.schema.json", envelope.SchemaFile);
        Assert.Equal(1, envelope.SchemaVersion);

        var sound = """{"id":"e1","customerId":"c1","createdAt":"2025-03-14T09:00:00Z","properties":{"rewardTitle":"Free coffee"}}""";
        Assert.True(TestCatalog.Instance.Validate(envelope, Encoding.UTF8.GetBytes(sound)).IsValid);
        var broken = """{"id":"e1","customerId":"c1","createdAt":"yesterday","properties":{}}""";
        var result = TestCatalog.Instance.Validate(envelope, Encoding.UTF8.GetBytes(broken));
        Assert.Equal(ValidationOutcome.SchemaViolation, result.Outcome);
        Assert.Contains(result.Errors, e => e.Pointer == "/createdAt");
    }

    [Fact]
    public void Load_WhenTheEnvelopeIsNotASharedSchema_FailsNamingIt()
    {
        using var directory = new TempSchemaDirectory();
        directory.Edit("catalog.json", catalog => catalog["envelope"]!["schema"] = "wallet-click.v1.schema.json");

        var error = Assert.Throws<SchemaCatalogException>(() => SchemaCatalog.Load(directory.Path));
        Assert.Contains("envelope", error.Message, StringComparison.Ordinal);
        Assert.Contains("sharedSchemas", error.Message, StringComparison.Ordinal);
    }
}
