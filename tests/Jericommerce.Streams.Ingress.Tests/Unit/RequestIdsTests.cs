using Jericommerce.Streams.Ingress.Http;
using Microsoft.Extensions.Primitives;

namespace Jericommerce.Streams.Ingress.Tests.Unit;

public sealed class RequestIdsTests
{
    private static readonly TimeProvider Time = new FixedTimeProvider();

    [Theory]
    [InlineData("a")]
    [InlineData("0HNB4QG1ALK2T:00000001")]
    [InlineData("req_01J2X-retry.3~{x}")]
    public void Resolve_WhenTheIncomingIdIsSane_KeepsIt(string id) => Assert.Equal(id, RequestIds.Resolve(id, Time));

    [Fact]
    public void Resolve_WhenTheIncomingIdIsExactly128Characters_KeepsIt()
    {
        var id = new string('r', RequestIds.MaxLength);

        Assert.Equal(id, RequestIds.Resolve(id, Time));
    }

    public static TheoryData<string> Insane => ["", "has space", "tab\there", "new\nline", "ünïcode", new string('r', 129)];

    [Theory]
    [MemberData(nameof(Insane))]
    public void Resolve_WhenTheIncomingIdIsNotSane_MakesANewOne(string id) =>
        Assert.Matches("^[0-9a-f]{32}$", RequestIds.Resolve(id, Time));

    [Fact]
    public void Resolve_WhenSeveralIdsCome_MakesANewOne() =>
        Assert.Matches("^[0-9a-f]{32}$", RequestIds.Resolve(new StringValues(["a", "b"]), Time));

    [Fact]
    public void New_GivesDistinctIds_EvenAtTheSameInstant() =>
        Assert.NotEqual(RequestIds.New(Time), RequestIds.New(Time));
}
