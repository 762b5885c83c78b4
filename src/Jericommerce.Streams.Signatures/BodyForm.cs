namespace Jericommerce.Streams.Signatures;

/// <summary>Which bytes the sender signed, relative to the body received.</summary>
public enum BodyForm
{
    /// <summary>The body exactly as received: the default.</summary>
    Raw,

    /// <summary>The body without its trailing newline (<c>\n</c> or <c>\r\n</c>): the sender added one after signing.</summary>
    TrimmedNewline,

    /// <summary>The body plus <c>\n</c>: the sender signed a line and sent the text without it.</summary>
    AddedNewline,

    /// <summary>A compact re-serialisation of the body's JSON (as <c>JSON.stringify(JSON.parse(body))</c> writes it).</summary>
    Json,
}
