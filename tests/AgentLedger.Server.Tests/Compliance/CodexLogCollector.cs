using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Compliance;

/// <summary>
/// A collector written the way Elastic's integration reads OpenAI's logs platform: it keeps <c>last_end_time</c> as its
/// cursor, lists with <c>after</c> while <c>has_more</c>, downloads every file it has not seen (dedupe by file id),
/// checks each file against its <c>file_sha256</c>, and dedupes lines by <c>event_id</c>.
/// </summary>
public sealed class CodexLogCollector(Func<HttpClient> nextClient, string workspaceId, int batchSize)
{
    public CodexLogCollector(HttpClient client, string workspaceId, int batchSize)
        : this(() => client, workspaceId, batchSize)
    {
    }

    private readonly HashSet<string> _eventIds = [];
    private string? _lastEndTime;

    public HashSet<string> Files { get; } = [];

    public List<string> SourceEventIds { get; } = [];

    public List<long> Seqs { get; } = [];

    public List<string> DuplicateEventIds { get; } = [];

    public int ListCalls { get; private set; }

    /// <summary>One scheduled run: page through everything listed after the cursor.</summary>
    public async Task PollAsync()
    {
        while (true)
        {
            var url = $"/v1/compliance/workspaces/{workspaceId}/logs?event_type=CODEX_LOG&limit={batchSize}"
                      + (_lastEndTime is null ? "" : "&after=" + Uri.EscapeDataString(_lastEndTime));
            var page = await (await nextClient().GetAsync(url)).EnsureSuccessStatusCode().ReadJsonAsync();
            ListCalls++;
            foreach (var file in page["data"]!.AsArray())
            {
                if (Files.Add((string)file!["id"]!))
                {
                    await DownloadAsync(file.AsObject());
                }
            }

            // empty pages answer last_end_time null: keep the cursor
            _lastEndTime = (string?)page["last_end_time"] ?? _lastEndTime;
            if (!(bool)page["has_more"]!)
            {
                return;
            }
        }
    }

    private async Task DownloadAsync(JsonObject file)
    {
        var bytes = await (await nextClient().GetAsync($"/v1/compliance/workspaces/{workspaceId}/logs/{(string)file["id"]!}"))
            .EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
        Assert.Equal((string)file["file_sha256"]!, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        foreach (var line in System.Text.Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var json = JsonNode.Parse(line)!;
            var eventId = (string)json["event_id"]!;
            if (!_eventIds.Add(eventId))
            {
                DuplicateEventIds.Add(eventId);
                continue;
            }

            SourceEventIds.Add((string)json["event_details"]!["source_event_id"]!);
            Seqs.Add((long)json["event_details"]!["seq"]!);
        }
    }
}
