using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Jericommerce.Streams.Schemas.Compiled;
using Json.Schema;

namespace Jericommerce.Streams.Schemas.Tests;

/// <summary>
/// The fast date-time check decides alone that a value is valid: it must never pass one JsonSchema.Net fails. A value
/// it does not pass goes to JsonSchema.Net, so those only cost time.
/// </summary>
public sealed class PlainDateTimeTests
{
    [Theory]
    [InlineData("2025-01-31T09:15:00Z")]
    [InlineData("2025-01-31T09:15:00.123Z")]
    [InlineData("2025-01-31T09:15:00.123456789012+01:00")]
    [InlineData("2024-02-29T23:59:59-23:59")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59.9999999+00:00")]
    public void IsValid_OnTheUsualShapes_Passes(string value)
    {
        Assert.True(PlainDateTime.IsValid(Raw(value)));
        Assert.True(JsonSchemaNetAccepts(value));
    }

    [Theory]
    [InlineData("2023-02-29T10:00:00Z")] // not a leap year
    [InlineData("2025-04-31T10:00:00Z")]
    [InlineData("2025-13-01T10:00:00Z")]
    [InlineData("2025-01-01T24:00:00Z")]
    [InlineData("2025-01-01T10:60:00Z")]
    [InlineData("2025-01-01T10:00:00")] // no offset
    [InlineData("2025-01-01T10:00:00.Z")]
    [InlineData("2025-01-01T10:00:00+24:00")]
    [InlineData("2025-01-01T10:00:00+01:60")]
    [InlineData("2025-01-01T10:00:00+0100")]
    [InlineData("2025-01-01")]
    [InlineData("")]
    public void IsValid_OnWhatJsonSchemaNetFails_DoesNotPass(string value)
    {
        Assert.False(PlainDateTime.IsValid(Raw(value)));
        Assert.False(JsonSchemaNetAccepts(value));
    }

    [Theory]
    [InlineData("2025-01-01t10:00:00z")]
    [InlineData("2025-01-01 10:00:00Z")]
    [InlineData("2025-01-01_10:00:00Z")]
    [InlineData("2016-12-31T23:59:60Z")] // a leap second
    [InlineData("2025-01-01T10:00:00Z\n")]
    public void IsValid_OnRarerShapesJsonSchemaNetAccepts_LeavesThemToIt(string value)
    {
        Assert.False(PlainDateTime.IsValid(Raw(value)));
        Assert.True(JsonSchemaNetAccepts(value));
    }

    [Theory]
    [InlineData("2025-03-14T10:02:11+01:00")]
    [InlineData("2024-02-29T23:59:59.5+05:30")]
    [InlineData("9999-12-31T23:59:59.9999999+23:59")]
    public void IsValid_OnAPlusSignAsSystemTextJsonEscapesIt_Passes(string value)
    {
        var escaped = Escaped(value);
        Assert.Contains(@"\u002B", Encoding.UTF8.GetString(escaped), StringComparison.Ordinal);

        Assert.True(PlainDateTime.IsValid(escaped));
        Assert.True(PlainDateTime.IsValid(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(escaped).Replace(@"\u002B", @"\u002b", StringComparison.Ordinal))));
        Assert.True(JsonSchemaNetAccepts(value));
    }

    [Theory]
    [InlineData(@"""2025-01-01T10:00:00\u002B24:00""")] // out of range, escaped or not
    [InlineData(@"""2025-01-01T10:00:00\u002B0100""")]
    [InlineData(@"""2025-01-01T10:00:00\u002C01:00""")] // a comma: JsonSchema.Net fails it too
    [InlineData(@"""2025-01-01T10:00:00\u002D01:00""")] // an escaped minus: JsonSchema.Net's to judge
    [InlineData(@"""2025-01-01T10:00:00\u002B01:00\u005A""")]
    public void IsValid_OnOtherEscapesInTheOffset_LeavesThemToJsonSchemaNet(string rawToken)
    {
        Assert.False(PlainDateTime.IsValid(Encoding.UTF8.GetBytes(rawToken)));
    }

    [Fact]
    public void IsValid_OnAnEscapedCharacter_LeavesItToJsonSchemaNet()
    {
        var element = JsonDocument.Parse("\"2025-01-01T10:00:00\\u005A\"").RootElement;

        Assert.False(PlainDateTime.IsValid(JsonMarshal.GetRawUtf8Value(element)));
        Assert.True(Formats.DateTime.Validate(element, out _));
    }

    [Fact]
    public void IsValid_OnEverySingleEditOfValidValues_NeverPassesWhatJsonSchemaNetFails()
    {
        // Every single-character replacement, deletion and insertion of a few valid values, with the characters that
        // matter to the grammar: whatever the fast check passes, JsonSchema.Net must pass too.
        const string Alphabet = "0123456789-:.TtZz+_ /9";
        string[] seeds = ["2024-02-29T23:59:59.5+05:30", "2025-12-31T00:00:00Z", "1999-01-09T09:09:09-09:09"];
        var passed = 0;
        var compared = 0;
        foreach (var seed in seeds)
        {
            foreach (var candidate in Edits(seed, Alphabet).Distinct(StringComparer.Ordinal))
            {
                compared++;
                if (PlainDateTime.IsValid(Raw(candidate)))
                {
                    passed++;
                    Assert.True(JsonSchemaNetAccepts(candidate), $"'{candidate}' passed the fast check but fails JsonSchema.Net");
                }

                // And as System.Text.Json's default encoder writes it, every '+' as \u002B.
                if (PlainDateTime.IsValid(Escaped(candidate)))
                {
                    Assert.True(JsonSchemaNetAccepts(candidate), $"'{candidate}', escaped, passed the fast check but fails JsonSchema.Net");
                }
            }
        }

        Assert.True(passed > 100 && compared - passed > 1_000, $"{passed} passed of {compared}: both kinds must be compared");
    }

    [Fact]
    public void IsValid_OnRandomDigits_NeverPassesWhatJsonSchemaNetFails()
    {
        // Random calendar and clock fields, most out of range, in the one shape the fast check takes.
        var random = new Random(20_261_205);
        var passed = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var offset = random.Next(3) switch
            {
                0 => "Z",
                1 => $"+{random.Next(30):D2}:{random.Next(70):D2}",
                _ => $"-{random.Next(30):D2}:{random.Next(70):D2}",
            };
            var value = $"{random.Next(10_000):D4}-{random.Next(15):D2}-{random.Next(33):D2}T{random.Next(26):D2}:{random.Next(62):D2}:{random.Next(62):D2}{offset}";
            if (PlainDateTime.IsValid(Raw(value)))
            {
                passed++;
                Assert.True(JsonSchemaNetAccepts(value), $"'{value}' passed the fast check but fails JsonSchema.Net");
            }
        }

        Assert.True(passed is > 1_000 and < 19_000, $"{passed} of 20,000 passed: both kinds must be compared");
    }

    private static IEnumerable<string> Edits(string seed, string alphabet)
    {
        for (var i = 0; i <= seed.Length; i++)
        {
            if (i < seed.Length)
            {
                yield return seed.Remove(i, 1);
            }

            foreach (var c in alphabet)
            {
                yield return seed.Insert(i, c.ToString());
                if (i < seed.Length)
                {
                    yield return string.Concat(seed.AsSpan(0, i), c.ToString(), seed.AsSpan(i + 1));
                }
            }
        }
    }

    // As senders write it: '+' as is, not as \u002B.
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static byte[] Raw(string value) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value, Unescaped));

    private static byte[] Escaped(string value) => JsonSerializer.SerializeToUtf8Bytes(value);

    private static bool JsonSchemaNetAccepts(string value)
    {
        try
        {
            return Formats.DateTime.Validate(JsonDocument.Parse(Raw(value)).RootElement, out _);
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
