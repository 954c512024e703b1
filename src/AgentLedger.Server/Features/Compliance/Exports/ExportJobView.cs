using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;

namespace AgentLedger.Server.Features.Compliance.Exports;

/// <summary>An export job as the API shows it, with the links to its package once it is complete.</summary>
public sealed record ExportJobView
{
    public required string Id { get; init; }

    /// <summary><c>queued</c>, <c>running</c>, <c>completed</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    public required JsonObject Filter { get; init; }

    public required JsonObject RequestedBy { get; init; }

    public string? Justification { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The package covers the matching records with seq up to this: everything stored when the job started.</summary>
    public long? UptoSeq { get; init; }

    public required long RecordCount { get; init; }

    public required long Bytes { get; init; }

    public string? Error { get; init; }

    public required IReadOnlyList<ExportFileView> Files { get; init; }

    /// <summary>The whole package as a tar archive; null until the job is complete.</summary>
    public string? DownloadUrl { get; init; }

    public static ExportJobView From(ExportJob job)
    {
        var self = ExportEndpoints.PathOf(job.Id);
        var completed = job.Status == ExportStatus.Completed;
        return new ExportJobView
        {
            Id = job.Id,
            Status = ExportJobJson.StatusName(job.Status),
            Filter = RecordFilterJson.ToJson(job.Filter),
            RequestedBy = ExportJobJson.ActorToJson(job.RequestedBy),
            Justification = job.Justification,
            CreatedAt = job.CreatedAt,
            StartedAt = job.StartedAt,
            CompletedAt = job.CompletedAt,
            UptoSeq = job.UptoSeq,
            RecordCount = job.RecordCount,
            Bytes = job.Bytes,
            Error = job.Error,
            Files = completed ? job.Files.Select(f => new ExportFileView(f.Name, f.Bytes, f.Records, f.Sha256, $"{self}/files/{f.Name}")).ToList() : [],
            DownloadUrl = completed ? $"{self}/download" : null,
        };
    }
}
