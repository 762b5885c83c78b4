namespace Jericommerce.Streams.SchemaRegistry.Tests;

public sealed class SchemaRegistryOptionsCheckTests
{
    [Fact]
    public void Url_IsRequiredOnlyWhenARegistryIsNeeded_AndTheMessageSaysWhy()
    {
        var options = new SchemaRegistryOptions();

        Assert.Empty(SchemaRegistryOptionsCheck.Problems(options, urlRequired: false));
        var problem = Assert.Single(SchemaRegistryOptionsCheck.Problems(options, urlRequired: true, "when X is 'y'"));
        Assert.StartsWith("SchemaRegistry:Url is required when X is 'y'", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost:8081", "SchemaRegistry:Url")]
    [InlineData("ftp://registry:8081", "SchemaRegistry:Url")]
    [InlineData("http://a:8081,not a url", "SchemaRegistry:Url")]
    [InlineData("http://jcs:hunter2@registry:8081", "SchemaRegistry:BasicAuthUserInfo")]
    public void ABadUrl_IsNamed_WithoutRepeatingIt(string url, string named)
    {
        var problem = Assert.Single(SchemaRegistryOptionsCheck.Problems(new SchemaRegistryOptions { Url = url }, urlRequired: true));

        Assert.Contains(named, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralUrls_AreAccepted() =>
        Assert.Empty(SchemaRegistryOptionsCheck.Problems(new SchemaRegistryOptions { Url = "http://a:8081, https://b:8081" }, urlRequired: true));

    [Fact]
    public void UserInfoWithoutAColon_IsNamed_WithoutRepeatingIt()
    {
        var problem = Assert.Single(SchemaRegistryOptionsCheck.Problems(
            new SchemaRegistryOptions { Url = "http://a:8081", BasicAuthUserInfo = "hunter2" }, urlRequired: true));

        Assert.Contains("SchemaRegistry:BasicAuthUserInfo", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
    }
}
