namespace Jericommerce.Streams.Cli.Schema.Inference;

/// <summary>The JSON Schema <c>type</c> names, in the order a draft lists them.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Integer,
    Number,
    Boolean,
    Null,
}
