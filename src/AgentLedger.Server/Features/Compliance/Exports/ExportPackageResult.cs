using System.Formats.Tar;

namespace AgentLedger.Server.Features.Compliance.Exports;

/// <summary>
/// A finished package as one tar archive (<c>export-{id}/…</c>), streamed file by file from disk: constant memory
/// however large the package. <c>tar -xf</c> then <c>cd export-{id} &amp;&amp; sha256sum -c SHA256SUMS</c> verifies it.
/// </summary>
public sealed class ExportPackageResult(string folder, string exportId) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "application/x-tar";
        response.Headers.ContentDisposition = $"attachment; filename=\"export-{exportId}.tar\"";
        var cancellationToken = httpContext.RequestAborted;
        await using var tar = new TarWriter(response.Body, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var name in ExportPackageFiles.All)
        {
            await tar.WriteEntryAsync(Path.Combine(folder, name), $"export-{exportId}/{name}", cancellationToken).ConfigureAwait(false);
        }
    }
}
