using System.Text.Json.Serialization;

namespace AgentLedger.Server.Features.Compliance.Logs;

/// <summary>One page of the file list; <see cref="LastEndTime"/> is the next <c>after</c>, null on an empty page (as OpenAI sends it).</summary>
public sealed record LogFileList(
    IReadOnlyList<LogFileView> Data,
    bool HasMore,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? LastEndTime);
