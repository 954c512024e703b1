using System.IO.Compression;
using System.Security.Cryptography;
using AgentLedger.Core.Compliance;

namespace AgentLedger.Server.Features.Compliance.Logs;

/// <summary>
/// Serves a sealed file: its stored gzip decompressed as it is sent, hashed on the way. The SHA-256 is announced up
/// front (<c>Repr-Digest</c>, RFC 9530) with the exact length; should the stored bytes ever not hash to what was sealed,
/// the response is aborted instead of completed, so no client takes a damaged file for a whole one.
/// </summary>
public sealed partial class LogFileResult(ComplianceLogFile file, byte[] contentGzip) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "application/jsonl; charset=utf-8";
        response.ContentLength = file.FileSize;
        response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(file.FileSha256))}:";
        response.Headers.ETag = $"\"{file.FileSha256}\"";
        response.Headers.ContentDisposition = $"attachment; filename=\"{file.FileName}\"";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var content = new GZipStream(new MemoryStream(contentGzip, writable: false), CompressionMode.Decompress);
        var buffer = new byte[64 * 1024];
        long sent = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, httpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            sent += read;
            if (sent > file.FileSize)
            {
                break;
            }

            await response.Body.WriteAsync(buffer.AsMemory(0, read), httpContext.RequestAborted).ConfigureAwait(false);
        }

        if (sent != file.FileSize || Convert.ToHexStringLower(hash.GetHashAndReset()) != file.FileSha256)
        {
            LogCorrupt(httpContext.RequestServices.GetRequiredService<ILogger<LogFileResult>>(), file.Id, file.WorkspaceId);
            httpContext.Abort();
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Stored compliance log file {FileId} of workspace {WorkspaceId} does not match its sealed SHA-256; download aborted")]
    private static partial void LogCorrupt(ILogger logger, string fileId, string workspaceId);
}
