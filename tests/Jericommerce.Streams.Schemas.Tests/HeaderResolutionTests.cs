using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Schemas.Tests;

public sealed class HeaderResolutionTests
{
    [Theory]
    [InlineData("Wallet click", "wallet-click")]
    [InlineData("Wallet visit", "wallet-visit")]
    [InlineData("Wallet pass installed", "wallet-pass-installed")]
    [InlineData("Wallet pass uninstalled", "wallet-pass-uninstalled")]
    [InlineData("Customer scanned", "customer-scanned")]
    [InlineData("Customer created", "customer-created")]
    [InlineData("Wallet Pass Requested", "wallet-pass-requested")]
    [InlineData("Wallet pass requested", "wallet-pass-requested")]
    public void TryResolve_WithTheDocumentedHeaderName_FindsTheType(string header, string slug)
    {
        Assert.True(TestCatalog.Instance.TryResolve(header, out var type));
        Assert.Equal(slug, type.Slug);
    }

    [Theory]
    [InlineData("wallet_pass_requested")]
    [InlineData("wallet-pass-requested")]
    [InlineData("WALLET  PASS--requested")]
    [InlineData("  Wallet Pass Requested\t")]
    [InlineData("wallet _-_ pass\trequested")]
    [InlineData("-wallet-pass-requested_")]
    [InlineData("WaLlEt PaSs ReQuEsTeD")]
    public void TryResolve_IgnoresCaseAndTreatsSpacesUnderscoresAndHyphensAlike(string header)
    {
        Assert.True(TestCatalog.Instance.TryResolve(header, out var type));
        Assert.Equal("wallet-pass-requested", type.Slug);
    }

    [Fact]
    public void TryResolve_WithAVeryLongPaddedHeader_StillFindsTheType()
    {
        var header = new string(' ', 1000) + "Customer" + new string('_', 500) + "created" + new string('-', 500);

        Assert.True(TestCatalog.Instance.TryResolve(header, out var type));
        Assert.Equal("customer-created", type.Slug);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("--__--")]
    [InlineData("Reward redeemed")]
    [InlineData("Tier changed")]
    [InlineData("walletclick")]
    [InlineData("wallet.click")]
    [InlineData("wallet click extra")]
    [InlineData("Wallet pass")]
    public void TryResolve_WithAnUnknownName_DoesNotResolve(string? header)
    {
        Assert.False(TestCatalog.Instance.TryResolve(header, out var type));
        Assert.Null(type);
    }

    [Theory]
    [InlineData("WALLET  PASS--requested", "wallet-pass-requested")]
    [InlineData(" Wallet click ", "wallet-click")]
    [InlineData("Customer\ttapped", "customer-tapped")]
    [InlineData("__", "")]
    public void Normalize_GivesTheCanonicalForm(string header, string expected)
    {
        Assert.Equal(expected, HeaderNameNormalizer.Normalize(header));
    }

    [Fact]
    public void TryResolve_DoesNotAllocate()
    {
        var catalog = TestCatalog.Instance;
        catalog.TryResolve("WALLET  PASS--requested", out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            catalog.TryResolve("WALLET  PASS--requested", out _);
            catalog.TryResolve("Reward redeemed", out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
