namespace Jericommerce.Streams.Schemas.Tests;

/// <summary>
/// What an example's file name promises: <c>&lt;slug|any&gt;.valid[.&lt;what&gt;].json</c> validates;
/// <c>&lt;slug|any&gt;.invalid.&lt;rule&gt;.json</c> breaks exactly one rule, where the rule is
/// <c>missing-&lt;field&gt;</c> or starts with <c>&lt;field&gt;-</c>. <c>any</c> is checked against every type.
/// </summary>
internal sealed record ExampleFile(string FileName, string? Slug, bool IsValid, string? Field, bool IsMissing)
{
    public const string AnyType = "any";

    public string Path => System.IO.Path.Combine(TestCatalog.ExamplesDirectory, FileName);

    public static IEnumerable<ExampleFile> All() =>
        Directory.EnumerateFiles(TestCatalog.ExamplesDirectory, "*.json")
            .Select(System.IO.Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .Select(name => Parse(name!));

    public static ExampleFile Parse(string fileName)
    {
        var parts = fileName.Split('.');
        if (parts is not [var slug, "valid" or "invalid", .., "json"] || (parts[1] == "invalid" && parts.Length != 4) || parts.Length > 4)
        {
            throw new FormatException($"Example '{fileName}' is not named <slug|any>.valid[.<what>].json or <slug|any>.invalid.<rule>.json.");
        }

        if (parts[1] == "valid")
        {
            return new ExampleFile(fileName, slug == AnyType ? null : slug, true, null, false);
        }

        var rule = parts[2];
        const string missing = "missing-";
        var isMissing = rule.StartsWith(missing, StringComparison.Ordinal);
        var field = isMissing ? rule[missing.Length..] : rule.Split('-')[0];
        return new ExampleFile(fileName, slug == AnyType ? null : slug, false, field, isMissing);
    }

    public override string ToString() => FileName;
}
