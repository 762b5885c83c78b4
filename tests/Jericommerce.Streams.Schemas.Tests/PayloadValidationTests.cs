using System.Text;
using System.Text.Json.Nodes;
using Jericommerce.Streams.Schemas;

namespace Jericommerce.Streams.Schemas.Tests;

public sealed class PayloadValidationTests
{
    public static TheoryData<string> Slugs => new(TestCatalog.Instance.EventTypes.Select(type => type.Slug));

    [Fact]
    public void Validate_WhenCreatedAtIsNotADateTime_FailsAtCreatedAt()
    {
        var payload = ValidPayload("customer-scanned", node => node["createdAt"] = "yesterday at noon");

        var result = TestCatalog.Instance.Validate(TestCatalog.Type("customer-scanned"), payload);

        Assert.Equal(ValidationOutcome.SchemaViolation, result.Outcome);
        var error = Assert.Single(result.Errors);
        Assert.Equal("/createdAt", error.Pointer);
        Assert.Equal("format", error.Keyword);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Validate_WhenCreatedAtIsInYearZero_IsASchemaViolationNotACrash(bool useCompiled)
    {
        // JsonSchema.Net's own date-time check throws on year 0000: this event must go to the dead-letter topic, not
        // stop the worker's partition on every restart.
        var payload = ValidPayload("customer-scanned", node => node["createdAt"] = "0000-01-01T00:00:00Z");

        var result = TestCatalog.Instance.Validate(TestCatalog.Type("customer-scanned"), payload, useCompiled);

        Assert.Equal(ValidationOutcome.SchemaViolation, result.Outcome);
        var error = Assert.Single(result.Errors);
        Assert.Equal("format", error.Keyword);
        Assert.Contains("could not be checked", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-03-14T09:26:53Z")]
    [InlineData("2025-03-14T09:26:53.589Z")]
    [InlineData("2025-03-14T10:26:53.589+01:00")]
    public void Validate_WhenCreatedAtIsAnRfc3339DateTime_Passes(string createdAt)
    {
        var payload = ValidPayload("wallet-pass-installed", node => node["createdAt"] = createdAt);

        Assert.True(TestCatalog.Instance.Validate(TestCatalog.Type("wallet-pass-installed"), payload).IsValid);
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Validate_WithANewTopLevelFieldAndANewProperty_Passes(string slug)
    {
        var payload = ValidPayload(slug, node =>
        {
            node["loyaltyTier"] = "gold";
            node["properties"]!["someFutureProperty"] = new JsonObject { ["nested"] = 1 };
        });

        var result = TestCatalog.Instance.Validate(TestCatalog.Type(slug), payload);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Validate_WhenAValidPayloadIsGiven_ReturnsTheSharedValidResult(string slug)
    {
        var result = TestCatalog.Instance.Validate(TestCatalog.Type(slug), ValidPayload(slug, _ => { }));

        Assert.Same(ValidationResult.Valid, result);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Validate_WhenSeveralRulesBreak_ReportsEachWithItsPointer()
    {
        var payload = ValidPayload("customer-scanned", node =>
        {
            node["id"] = 12;
            node.AsObject().Remove("customerId");
            node["properties"]!.AsObject().Remove("shopId");
            node["properties"]!["userId"] = false;
        });

        var result = TestCatalog.Instance.Validate(TestCatalog.Type("customer-scanned"), payload);

        Assert.Equal(
            [("", "required"), ("/id", "type"), ("/properties", "required"), ("/properties/userId", "type")],
            result.Errors.Select(e => (e.Pointer, e.Keyword!)).Order());
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[]")]
    [InlineData("[{\"id\":\"evt_1\"}]")]
    [InlineData("\"Wallet click\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{\"id\":\"evt_1\"")]
    [InlineData("{\"id\":\"evt_1\",}")]
    [InlineData("{\"id\":\"evt_1\"} {}")]
    [InlineData("{'id':'evt_1'}")]
    [InlineData("{\"id\":\"evt_1\" /* comment */}")]
    [InlineData("{\"id\":\"evt_1\",\"id\":\"evt_2\",\"customerId\":\"c\",\"createdAt\":\"2025-03-14T09:26:53Z\",\"properties\":{}}")]
    [InlineData("{\"id\":\"\\ud800\",\"customerId\":\"c\",\"createdAt\":\"2025-03-14T09:26:53Z\",\"properties\":{}}")]
    [InlineData("{\"id\":\"e\",\"customerId\":\"c\",\"createdAt\":\"2025-03-14T09:26:53Z\",\"properties\":{\"\\udc00\":[1]}}")]
    [InlineData("{\"id\":\"e\",\"customerId\":\"c\",\"createdAt\":\"2025-03-14T09:26:53Z\",\"properties\":{\"note\":\"\\uDBFF then text\"}}")]
    [InlineData("{\"id\":\"e\",\"customerId\":\"c\",\"createdAt\":\"2025-03-14T09:26:53Z\",\"properties\":{\"note\":\"\\u00e9\\uDe00\"}}")]
    public void Validate_WhenThePayloadIsNotAJsonObject_IsInvalidJson(string text)
    {
        AssertInvalidJson(Encoding.UTF8.GetBytes(text));
    }

    [Fact]
    public void Validate_WhenThePayloadIsNotUtf8_IsInvalidJson()
    {
        // Latin-1 "é" in an otherwise valid event, inside a field no schema reads.
        var text = Encoding.UTF8.GetString(ValidPayload("wallet-pass-installed", node => node["note"] = "cafe"));
        var latin1 = Encoding.Latin1.GetBytes(text.Replace("cafe", "caf\u00e9", StringComparison.Ordinal));

        AssertInvalidJson(latin1);
    }

    [Fact]
    public void Validate_WhenThePayloadStartsWithAByteOrderMark_IsInvalidJson()
    {
        AssertInvalidJson([0xEF, 0xBB, 0xBF, .. ValidPayload("wallet-pass-installed", _ => { })]);
    }

    [Fact]
    public void Validate_WhenNestedDeeperThanTheLimit_IsInvalidJson()
    {
        // Root object and "properties" are two levels; 63 arrays make 65.
        var payload = ValidPayload("wallet-pass-requested", node => node["properties"]!["deep"] = NestedArrays(SchemaCatalog.MaxPayloadDepth - 1));

        AssertInvalidJson(payload);
    }

    [Fact]
    public void Validate_WhenEscapedTheWaySystemTextJsonWritesIt_Passes()
    {
        // The default encoder escapes '+' (every offset date-time), non-ASCII letters, and an emoji as a surrogate pair.
        var payload = Encoding.UTF8.GetBytes(
            "{\"id\":\"evt_1\",\"customerId\":\"c\",\"createdAt\":\"2025-03-14T10:02:11\\u002B01:00\"," +
            "\"properties\":{\"caf\\u00e9\":\"\\ud83d\\ude00 \\uD83C\\uDF89\"}}");

        Assert.True(TestCatalog.Instance.Validate(TestCatalog.Type("wallet-pass-requested"), payload).IsValid);
    }

    [Theory]
    [InlineData("\"a\\ud800\"", true)]
    [InlineData("\"a\\uDFFF\"", true)]
    [InlineData("\"a\\uDbff\"", true)]
    [InlineData("\"\\\\uD800\"", true)]
    [InlineData("\"2025-03-14T10:02:11\\u002B01:00\"", false)]
    [InlineData("\"\\ud7ff \\ue000 \\u0044800\"", false)]
    [InlineData("\"ends with \\u\"", false)]
    [InlineData("\"ends with \\ud\"", false)]
    [InlineData("\"no escape at all\"", false)]
    public void EscapesSurrogate_FindsOnlyEscapesInTheSurrogateRange(string json, bool expected)
    {
        Assert.Equal(expected, SchemaCatalog.EscapesSurrogate(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Validate_WhenNestedExactlyToTheLimit_Passes()
    {
        var payload = ValidPayload("wallet-pass-requested", node => node["properties"]!["deep"] = NestedArrays(SchemaCatalog.MaxPayloadDepth - 2));

        Assert.True(TestCatalog.Instance.Validate(TestCatalog.Type("wallet-pass-requested"), payload).IsValid);
    }

    [Fact]
    public void Validate_WithASliceOfALargerBuffer_ValidatesOnlyTheSlice()
    {
        var payload = ValidPayload("customer-created", _ => { });
        var buffer = new byte[payload.Length + 20];
        "garbage!"u8.CopyTo(buffer);
        payload.CopyTo(buffer, 10);

        Assert.True(TestCatalog.Instance.Validate(TestCatalog.Type("customer-created"), buffer.AsMemory(10, payload.Length)).IsValid);
    }

    [Fact]
    public void Validate_FromManyThreadsAtOnce_GivesTheSameAnswers()
    {
        var cases = TestCatalog.Instance.EventTypes
            .SelectMany(type => new[]
            {
                (Type: type, Payload: ValidPayload(type.Slug, _ => { }), Valid: true),
                (Type: type, Payload: ValidPayload(type.Slug, node => node["createdAt"] = "soon"), Valid: false),
            })
            .ToArray();

        Parallel.For(0, 2000, i =>
        {
            var (type, payload, valid) = cases[i % cases.Length];
            Assert.Equal(valid, TestCatalog.Instance.Validate(type, payload).IsValid);
        });
    }

    [Fact]
    public void Validate_WithoutAnEventType_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TestCatalog.Instance.Validate(null!, "{}"u8.ToArray()));
    }

    private static void AssertInvalidJson(byte[] payload)
    {
        var result = TestCatalog.Instance.Validate(TestCatalog.Type("wallet-pass-installed"), payload);

        Assert.Equal(ValidationOutcome.InvalidJson, result.Outcome);
        var error = Assert.Single(result.Errors);
        Assert.Equal(string.Empty, error.Pointer);
        Assert.Null(error.Keyword);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    private static JsonNode NestedArrays(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 1; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }

    private static byte[] ValidPayload(string slug, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(File.ReadAllBytes(ExampleTests.FirstValidExample(TestCatalog.Type(slug)).Path))!;
        change(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
