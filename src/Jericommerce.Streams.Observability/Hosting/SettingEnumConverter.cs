using System.ComponentModel;
using System.Globalization;

namespace Jericommerce.Streams.Observability.Hosting;

/// <summary>
/// Binds an enum-like setting from configuration: case-insensitive, and written the way the docs write the values, in
/// lower case with hyphens between words (<c>JsonSr</c> is <c>json-sr</c>). An unknown value fails the binding at
/// start-up listing the allowed ones, where the bare binder would say only that it could not convert.
/// </summary>
/// <typeparam name="TEnum">The setting's enum: put <c>[TypeConverter(typeof(SettingEnumConverter&lt;TEnum&gt;))]</c> on it.</typeparam>
public sealed class SettingEnumConverter<TEnum> : EnumConverter
    where TEnum : struct, Enum
{
    public SettingEnumConverter()
        : base(typeof(TEnum))
    {
    }

    /// <summary>The values as configuration takes them, in declaration order: <c>auto, consumer, classic</c>.</summary>
    public static IReadOnlyList<string> Allowed { get; } = [.. Enum.GetNames<TEnum>().Select(Text)];

    /// <summary>The text of <paramref name="value"/> as configuration and the docs write it.</summary>
    public static string Text(TEnum value) => Text(value.ToString());

    /// <summary>Parses a setting's text; null when it names no value.</summary>
    public static TEnum? Parse(string? text)
    {
        var key = Normalize(text ?? "");
        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Normalize(value.ToString()), key, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text
            ? Parse(text) ?? throw new FormatException($"'{text}' is not one of: {string.Join(", ", Allowed)}.")
            : base.ConvertFrom(context, culture, value);

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is TEnum setting ? Text(setting) : base.ConvertTo(context, culture, value, destinationType);

    private static string Normalize(string text) => text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Trim();

    private static string Text(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));
}
