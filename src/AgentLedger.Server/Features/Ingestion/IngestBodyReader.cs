using System.IO.Compression;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Ingestion;

/// <summary>
/// Reads an ingest request body within <see cref="IngestOptions"/>: refuses an oversized Content-Length before
/// reading, stops reading at the cap, and inflates <c>Content-Encoding: gzip</c> only up to the decompressed cap.
/// Shared by every ingest endpoint so that no path skips a limit.
/// </summary>
public sealed class IngestBodyReader(IOptions<IngestOptions> options)
{
    public IngestOptions Limits => options.Value;

    public async Task<IngestBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (request.ContentLength > limits.MaxBodyBytes)
        {
            return TooLarge($"The body ({request.ContentLength} bytes) exceeds the limit of {limits.MaxBodyBytes} bytes (Ingest:MaxBodyBytes).");
        }

        var raw = request.ContentLength is { } length
            ? await ReadExactAsync(request.Body, length, cancellationToken).ConfigureAwait(false)
            : await ReadCappedAsync(request.Body, limits.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (raw is null)
        {
            return TooLarge($"The body exceeds the limit of {limits.MaxBodyBytes} bytes (Ingest:MaxBodyBytes).");
        }

        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        if (encoding.Length == 0 || encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return IngestBody.Ok(raw);
        }

        if (!encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
        {
            return IngestBody.Fail(IngestBodyError.UnsupportedEncoding, $"Content-Encoding {HeaderEcho.Quote(encoding)} is not supported; use gzip or none.");
        }

        try
        {
            await using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            var inflated = await ReadCappedAsync(gzip, limits.MaxDecompressedBytes, cancellationToken).ConfigureAwait(false);
            return inflated is null
                ? TooLarge($"The body inflates beyond the limit of {limits.MaxDecompressedBytes} bytes (Ingest:MaxDecompressedBytes).")
                : IngestBody.Ok(inflated);
        }
        catch (InvalidDataException ex)
        {
            return IngestBody.Fail(IngestBodyError.CorruptEncoding, "The body is not valid gzip: " + ex.Message);
        }
    }

    private static IngestBody TooLarge(string message) => IngestBody.Fail(IngestBodyError.TooLarge, message);

    /// <summary>
    /// Reads a body of known length (already checked against the cap) into one array of that size. An OTLP batch of 100
    /// log records is ~150 KB: read through a chunk and a growing <see cref="MemoryStream"/> and then copied out, it cost
    /// ~530 KB of allocations per request, most of it on the large-object heap (which only a gen2 collection frees).
    /// Kestrel ends the body at Content-Length, so a body never holds more than it declared.
    /// </summary>
    private static async Task<byte[]> ReadExactAsync(Stream stream, long length, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return bytes;
    }

    /// <summary>Reads the stream fully, or returns null as soon as it holds more than <paramref name="cap"/> bytes.</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream stream, long cap, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > cap)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
