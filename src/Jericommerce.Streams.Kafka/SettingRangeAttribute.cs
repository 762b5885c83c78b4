using System.ComponentModel.DataAnnotations;

namespace Jericommerce.Streams.Kafka;

/// <summary>
/// <c>[Range]</c> for the services' settings, whose <c>ErrorMessage</c> names the key. Needed because the options
/// source generator (<c>[OptionsValidator]</c>) replaces <see cref="RangeAttribute"/> itself with a copy of its own that
/// drops <c>ErrorMessage</c> (dotnet/runtime#123137), and leaves an attribute derived from it as it is.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class SettingRangeAttribute : RangeAttribute
{
    public SettingRangeAttribute(int minimum, int maximum)
        : base(minimum, maximum)
    {
    }

    public SettingRangeAttribute(double minimum, double maximum)
        : base(minimum, maximum)
    {
    }

    /// <param name="type">The setting's type, e.g. <see cref="TimeSpan"/>.</param>
    /// <param name="minimum">The least value, as invariant text (<c>00:00:01</c>).</param>
    /// <param name="maximum">The greatest value, as invariant text.</param>
    public SettingRangeAttribute(Type type, string minimum, string maximum)
        : base(type, minimum, maximum)
    {
        ParseLimitsInInvariantCulture = true;
    }
}
