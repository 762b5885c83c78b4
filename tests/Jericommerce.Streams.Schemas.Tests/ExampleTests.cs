using System.Text.Json;
using Jericommerce.Streams.Schemas;
using Json.Pointer;

namespace Jericommerce.Streams.Schemas.Tests;

public sealed class ExampleTests
{
    public static TheoryData<string> Examples => new(ExampleFile.All().Select(example => example.FileName));

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_ValidatesAsItsNameSays(string fileName)
    {
        var example = ExampleFile.Parse(fileName);
        var payload = File.ReadAllBytes(example.Path);
        var types = example.Slug is null ? TestCatalog.Instance.EventTypes : [TestCatalog.Type(example.Slug)];

        foreach (var type in types)
        {
            var result = TestCatalog.Instance.Validate(type, payload);
            if (example.IsValid)
            {
                Assert.True(result.IsValid, $"{fileName} as {type.Slug}: {Describe(result)}");
                continue;
            }

            Assert.True(result.Outcome == ValidationOutcome.SchemaViolation, $"{fileName} as {type.Slug}: {result.Outcome} {Describe(result)}");
            if (example.IsMissing)
            {
                // Missing properties are reported at the object that lacks them; the valid example it was
                // made from has the field right there.
                var error = Assert.Single(result.Errors, e => e.Keyword == "required" && e.Message.Contains($"\"{example.Field}\"", StringComparison.Ordinal));
                using var valid = JsonDocument.Parse(File.ReadAllBytes(FirstValidExample(type).Path));
                var fieldPointer = JsonPointer.Parse($"{error.Pointer}/{example.Field}");
                Assert.True(fieldPointer.Evaluate(valid.RootElement) is not null, $"{fileName}: no {fieldPointer} in {FirstValidExample(type)}");
            }
            else
            {
                Assert.True(
                    result.Errors.Any(e => LastSegment(e.Pointer) == example.Field),
                    $"{fileName} as {type.Slug}: no error at a '{example.Field}' field: {Describe(result)}");
            }

            if (example.Slug is not null)
            {
                // A typed invalid example breaks exactly one rule.
                Assert.True(result.Errors.Count == 1, $"{fileName}: {Describe(result)}");
            }
        }
    }

    internal static ExampleFile FirstValidExample(EventType type) =>
        ExampleFile.All().First(example => example.IsValid && example.Slug == type.Slug);

    private static string LastSegment(string pointer) => pointer[(pointer.LastIndexOf('/') + 1)..];

    private static string Describe(ValidationResult result) =>
        string.Join("; ", result.Errors.Select(e => $"{e.Pointer} [{e.Keyword}] {e.Message}"));
}
