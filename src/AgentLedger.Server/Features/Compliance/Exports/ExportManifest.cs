using System.Buffers;
using System.Text.Json;
using AgentLedger.Core.Compliance;

namespace AgentLedger.Server.Features.Compliance.Exports;

/// <summary>
/// <c>manifest.json</c> of a package: which export this is, who asked and why, the filter as applied, the seq range it
/// covers, counts, and the name, size, record count and SHA-256 of every data file. <c>SHA256SUMS</c> covers the manifest
/// itself, so changing any of it shows.
/// </summary>
public static class ExportManifest
{
    public const string Format = "agentledger.ediscovery-export/1";

    public static byte[] Write(ExportJob job, long uptoSeq, ExportCounts counts, IReadOnlyList<ExportFile> files, ProductInfo product, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, ComplianceJson.WriterOptions with { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("export_id", job.Id);
            w.WriteString("workspace_id", job.WorkspaceId);
            w.WritePropertyName("requested_by");
            ExportJobJson.ActorToJson(job.RequestedBy).WriteTo(w);
            w.WriteStringIfNotNull("justification", job.Justification);
            w.WriteString("requested_at", ComplianceJson.Timestamp(job.CreatedAt));
            w.WriteString("started_at", ComplianceJson.Timestamp(job.StartedAt ?? now));
            w.WriteString("completed_at", ComplianceJson.Timestamp(now));
            w.WritePropertyName("filter");
            RecordFilterJson.ToJson(job.Filter).WriteTo(w);
            w.WriteStartObject("covers");
            w.WriteNumber("upto_seq", uptoSeq);
            w.WriteString("rule", "every record matching the filter with seq <= upto_seq (all records stored when the export started)");
            w.WriteEndObject();
            WriteCounts(w, counts);
            w.WriteStartArray("files");
            foreach (var file in files)
            {
                w.WriteStartObject();
                w.WriteString("name", file.Name);
                w.WriteNumber("bytes", file.Bytes);
                w.WriteNumberIfNotNull("records", file.Records);
                w.WriteString("sha256", file.Sha256);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("checksums", ExportPackageFiles.Checksums);
            w.WriteStartObject("generator");
            w.WriteString("name", product.Name);
            w.WriteString("version", product.Version);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteCounts(Utf8JsonWriter w, ExportCounts counts)
    {
        w.WriteStartObject("counts");
        w.WriteNumber("records", counts.Records);
        if (counts.Records > 0)
        {
            w.WriteNumber("first_seq", counts.FirstSeq);
            w.WriteNumber("last_seq", counts.LastSeq);
            w.WriteString("first_occurred_at", ComplianceJson.Timestamp(counts.FirstOccurredAt!.Value));
            w.WriteString("last_occurred_at", ComplianceJson.Timestamp(counts.LastOccurredAt!.Value));
        }

        w.WriteStartObject("by_kind");
        foreach (var (kind, count) in counts.ByKind)
        {
            w.WriteNumber(kind, count);
        }

        w.WriteEndObject();
        w.WriteStartObject("by_agent");
        foreach (var (agent, count) in counts.ByAgent)
        {
            w.WriteNumber(agent, count);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
