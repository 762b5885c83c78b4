using System.Text.Json;

namespace Jericommerce.Streams.Worker.Routing;

/// <summary>The two top-level fields routing needs, read without building a document.</summary>
internal readonly record struct EventEnvelope(string? Id, string? CustomerId)
{
    private static ReadOnlySpan<byte> IdName => "id"u8;

    private static ReadOnlySpan<byte> CustomerIdName => "customerId"u8;

    /// <summary>Reads string <c>id</c> and <c>customerId</c> from a JSON object; anything else yields nulls.</summary>
    public static EventEnvelope Read(ReadOnlySpan<byte> json)
    {
        string? id = null;
        string? customerId = null;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return default;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals(IdName);
                var isCustomer = !isId && reader.ValueTextEquals(CustomerIdName);
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    if (isId)
                    {
                        id = reader.GetString();
                    }
                    else if (isCustomer)
                    {
                        customerId = reader.GetString();
                    }
                }
                else
                {
                    reader.Skip();
                }

                if (id is not null && customerId is not null)
                {
                    break;
                }
            }
        }
        catch (JsonException)
        {
            // Callers only read envelopes of bodies that passed validation; a broken one has none.
        }

        return new EventEnvelope(id, customerId);
    }
}
