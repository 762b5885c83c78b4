using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Jericommerce.Streams.Ingress.Http;

/// <summary>
/// Reads a request body once, from the request's <see cref="PipeReader"/>, up to a limit. With a
/// <c>Content-Length</c> (the usual case) the bytes are copied once, into an array of exactly that
/// size, which becomes the Kafka record's value; without one (chunked) they go into a pooled
/// buffer first and are copied into the exact array at the end. A body announcing or sending more
/// than the limit is refused as soon as that is known.
/// </summary>
internal static class RequestBody
{
    private const int FirstChunkedBuffer = 16 * 1024;

    public static async Task<BodyRead> ReadAsync(HttpContext context, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            return BodyRead.TooLarge;
        }

        // Kestrel enforces the limit too while the body streams in, but counts a chunked body's framing
        // (sizes, CRLFs) against it: give chunked bodies room for that, and let ReadChunkedAsync enforce
        // the exact limit on the body itself (else a chunked body just under the limit got 413).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = request.ContentLength is null ? 2L * maxBytes : maxBytes;
        }

        try
        {
            return request.ContentLength is { } length
                ? await ReadExactAsync(request.BodyReader, (int)length, context.RequestAborted)
                : await ReadChunkedAsync(request.BodyReader, maxBytes, context.RequestAborted);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel: over MaxRequestBodySize (413), too slow (408), bad framing (400).
            return e.StatusCode == StatusCodes.Status413PayloadTooLarge ? BodyRead.TooLarge : new BodyRead(null, e.StatusCode, e.Message);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            return new BodyRead(null, BodyRead.ClientClosedRequest, "client closed the request");
        }
    }

    private static async Task<BodyRead> ReadExactAsync(PipeReader reader, int length, CancellationToken cancellationToken)
    {
        var body = length == 0 ? [] : GC.AllocateUninitializedArray<byte>(length);
        var written = 0;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            if (result.IsCanceled)
            {
                return new BodyRead(null, BodyRead.ClientClosedRequest, "the read was canceled");
            }

            var buffer = result.Buffer;
            if (buffer.Length > length - written)
            {
                reader.AdvanceTo(buffer.End);
                return new BodyRead(null, StatusCodes.Status400BadRequest, "the body is longer than its Content-Length");
            }

            buffer.CopyTo(body.AsSpan(written));
            written += (int)buffer.Length;
            reader.AdvanceTo(buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        return written == length
            ? new BodyRead(body, 0, null)
            : new BodyRead(null, StatusCodes.Status400BadRequest, "the body is shorter than its Content-Length");
    }

    private static async Task<BodyRead> ReadChunkedAsync(PipeReader reader, int maxBytes, CancellationToken cancellationToken)
    {
        var pool = ArrayPool<byte>.Shared;
        var rented = pool.Rent(Math.Min(FirstChunkedBuffer, maxBytes));
        var written = 0;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                if (result.IsCanceled)
                {
                    return new BodyRead(null, BodyRead.ClientClosedRequest, "the read was canceled");
                }

                var buffer = result.Buffer;
                if (buffer.Length > maxBytes - written)
                {
                    reader.AdvanceTo(buffer.End);
                    return BodyRead.TooLarge;
                }

                if (written + buffer.Length > rented.Length)
                {
                    var larger = pool.Rent((int)Math.Min((long)maxBytes, Math.Max(rented.Length * 2L, written + buffer.Length)));
                    rented.AsSpan(0, written).CopyTo(larger);
                    pool.Return(rented);
                    rented = larger;
                }

                buffer.CopyTo(rented.AsSpan(written));
                written += (int)buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }

            return new BodyRead(rented.AsSpan(0, written).ToArray(), 0, null);
        }
        finally
        {
            pool.Return(rented);
        }
    }
}
