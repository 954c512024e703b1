using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Compliance.Records;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Compliance.Exports;

/// <summary>
/// Builds an eDiscovery package in a folder: <c>records.ndjson</c>, <c>index.csv</c>, <c>manifest.json</c> and
/// <c>SHA256SUMS</c>. Records are read a page at a time and written as they come, each file hashed while it is written,
/// so memory stays flat however many records the package holds.
/// </summary>
public sealed class ExportPackageWriter(
    IComplianceRecordReader reader, IOptions<JsonOptions> json, ProductInfo product, TimeProvider time)
{
    public const int PageSize = 1000;

    /// <summary>Progress is reported at most this often (in records).</summary>
    public const int ProgressEvery = 20_000;

    private static readonly string[] IndexColumns =
    [
        "line", "seq", "id", "event_id", "occurred_at", "received_at", "user_id", "user_email", "team", "agent", "client_id", "surface",
        "kind", "session_id", "turn_id", "model", "input_tokens", "output_tokens", "record_sha256",
    ];

    /// <summary>Writes the package of <paramref name="job"/> (its matching records with seq up to <paramref name="uptoSeq"/>) into <paramref name="folder"/>.</summary>
    public async Task<ExportPackage> WriteAsync(
        ExportJob job, long uptoSeq, string folder, Func<long, long, Task> reportProgress, CancellationToken cancellationToken)
    {
        var counts = new ExportCounts();
        var serializer = json.Value.SerializerOptions;
        var line = new ArrayBufferWriter<byte>(8 * 1024);
        var row = new StringBuilder(512);
        var fields = new string?[IndexColumns.Length];
        await using var records = new HashedFileWriter(Path.Combine(folder, ExportPackageFiles.Records));
        await using var index = new HashedFileWriter(Path.Combine(folder, ExportPackageFiles.Index));
        WriteText(index, row.Clear(), IndexColumns);
        await foreach (var page in FilteredRecordScan.PagesAsync(reader, job.WorkspaceId, job.Filter, 0, uptoSeq, PageSize, cancellationToken)
                           .ConfigureAwait(false))
        {
            foreach (var record in page)
            {
                line.ResetWrittenCount();
                RecordLineWriter.WriteNativeLine(line, record, serializer);
                records.Write(line.WrittenSpan);
                counts.Add(record);
                IndexRow(fields, counts.Records, record, SHA256.HashData(line.WrittenSpan[..^1]));
                WriteText(index, row.Clear(), fields);
            }

            await records.FlushAsync(force: false, cancellationToken).ConfigureAwait(false);
            await index.FlushAsync(force: false, cancellationToken).ConfigureAwait(false);
            if (counts.Records - counts.Reported >= ProgressEvery)
            {
                counts.Reported = counts.Records;
                await reportProgress(counts.Records, records.Length + index.Length).ConfigureAwait(false);
            }
        }

        var (recordsBytes, recordsSha) = await records.CompleteAsync(cancellationToken).ConfigureAwait(false);
        var (indexBytes, indexSha) = await index.CompleteAsync(cancellationToken).ConfigureAwait(false);
        var files = new List<ExportFile>
        {
            new(ExportPackageFiles.Records, recordsBytes, counts.Records, recordsSha),
            new(ExportPackageFiles.Index, indexBytes, counts.Records, indexSha),
        };
        var manifest = ExportManifest.Write(job, uptoSeq, counts, files, product, time.GetUtcNow());
        files.Add(await WriteSmallFileAsync(folder, ExportPackageFiles.Manifest, manifest, cancellationToken).ConfigureAwait(false));
        var sums = Encoding.UTF8.GetBytes(Sha256Sums.Format(files.Select(f => (f.Name, f.Sha256))));
        files.Add(await WriteSmallFileAsync(folder, ExportPackageFiles.Checksums, sums, cancellationToken).ConfigureAwait(false));
        return new ExportPackage(counts.Records, files.Sum(f => f.Bytes), files);
    }

    private static async Task<ExportFile> WriteSmallFileAsync(string folder, string name, byte[] content, CancellationToken cancellationToken)
    {
        await using var file = new HashedFileWriter(Path.Combine(folder, name));
        file.Write(content);
        var (bytes, sha) = await file.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return new ExportFile(name, bytes, null, sha);
    }

    private static void IndexRow(string?[] f, long line, ActivityRecord r, byte[] lineSha256)
    {
        var i = 0;
        f[i++] = line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        f[i++] = r.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture);
        f[i++] = r.Id;
        f[i++] = r.EventId;
        f[i++] = ComplianceJson.Timestamp(r.OccurredAt);
        f[i++] = ComplianceJson.Timestamp(r.ReceivedAt);
        f[i++] = r.UserId;
        f[i++] = r.Actor.Email;
        f[i++] = r.Team;
        f[i++] = WireNames.Of(r.Agent);
        f[i++] = WireNames.Of(r.ClientId);
        f[i++] = WireNames.Of(r.Surface);
        f[i++] = WireNames.Of(r.Kind);
        f[i++] = r.SessionId;
        f[i++] = r.TurnId;
        f[i++] = r.Model;
        f[i++] = r.Usage.InputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture);
        f[i++] = r.Usage.OutputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture);
        f[i] = Convert.ToHexStringLower(lineSha256);
    }

    private static void WriteText(HashedFileWriter output, StringBuilder row, IReadOnlyList<string?> fields)
    {
        CsvText.AppendRow(row, fields);
        var text = row.ToString();
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
