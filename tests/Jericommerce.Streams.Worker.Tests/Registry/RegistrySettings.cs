namespace Jericommerce.Streams.Worker.Tests.Registry;

/// <summary>Worker settings for json-sr against a test registry.</summary>
internal static class RegistrySettings
{
    public static Dictionary<string, string?> JsonSr(this Dictionary<string, string?> settings, string registryUrl, bool autoRegister = true)
    {
        settings["Worker:TypedFormat"] = "json-sr";
        settings["SchemaRegistry:Url"] = registryUrl;
        settings["SchemaRegistry:AutoRegister"] = autoRegister ? "true" : "false";
        settings["SchemaRegistry:RequestTimeout"] = "00:00:02";
        settings["SchemaRegistry:StartupTimeout"] = "00:00:10";
        return settings;
    }
}
