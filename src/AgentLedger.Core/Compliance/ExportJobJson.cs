using System.Text.Json.Nodes;

namespace AgentLedger.Core.Compliance;

/// <summary>How export jobs keep their structured columns (requester, files, status) as text, the same on every engine.</summary>
public static class ExportJobJson
{
    public static string StatusName(ExportStatus status) => status switch
    {
        ExportStatus.Queued => "queued",
        ExportStatus.Running => "running",
        ExportStatus.Completed => "completed",
        ExportStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static ExportStatus ParseStatus(string name) => name switch
    {
        "queued" => ExportStatus.Queued,
        "running" => ExportStatus.Running,
        "completed" => ExportStatus.Completed,
        "failed" => ExportStatus.Failed,
        _ => throw new FormatException($"Unknown export status '{name}'."),
    };

    public static JsonObject ActorToJson(AuditActor actor) => new()
    {
        ["type"] = actor.Type,
        ["id"] = actor.Id,
        ["name"] = actor.Name,
    };

    public static AuditActor ActorFromJson(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        return new AuditActor((string)node["type"]!, (string?)node["id"], (string?)node["name"]);
    }

    public static string FilesToJson(IReadOnlyList<ExportFile> files) =>
        new JsonArray(files.Select(f => (JsonNode)new JsonObject
        {
            ["name"] = f.Name,
            ["bytes"] = f.Bytes,
            ["records"] = f.Records,
            ["sha256"] = f.Sha256,
        }).ToArray()).ToJsonString();

    public static IReadOnlyList<ExportFile> FilesFromJson(string? json) =>
        json is null
            ? []
            : JsonNode.Parse(json)!.AsArray()
                .Select(n => new ExportFile((string)n!["name"]!, (long)n["bytes"]!, (long?)n["records"], (string)n["sha256"]!))
                .ToList();
}
