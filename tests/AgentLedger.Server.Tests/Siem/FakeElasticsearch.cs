using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AgentLedger.Server.Tests.Siem;

/// <summary>
/// An Elasticsearch <c>POST /{data-stream}/_bulk</c> that follows the documented contract: NDJSON action/document
/// pairs, each action a <c>create</c> (data streams accept nothing else); the answer is 200 with one result per action
/// in order (<c>201</c> created, <c>409</c> when the <c>_id</c> already exists, <c>400 mapper_parsing_exception</c> for a
/// document it refuses — any containing <see cref="PoisonMarker"/>), or 429 for the whole request while
/// <see cref="Busy"/>. Documents are kept by <c>_id</c>, so a resent one is a 409, not a second copy.
/// </summary>
public sealed class FakeElasticsearch(string dataStream) : LoopbackReceiver
{
    public const string PoisonMarker = "POISON-PILL";

    private readonly HashSet<string> _ids = [];

    /// <summary>Seqs (<c>event.sequence</c>) of the documents created, in order.</summary>
    public ReceivedLog Received { get; } = new();

    public bool Busy { get; set; }

    public int Conflicts { get; private set; }

    protected override void Map(WebApplication app) => app.MapPost($"/{dataStream}/_bulk", HandleAsync);

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        if (Busy)
        {
            return Results.StatusCode(429);
        }

        if (!request.ContentType?.StartsWith("application/x-ndjson", StringComparison.Ordinal) ?? true)
        {
            return Results.StatusCode(400);
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length % 2 != 0)
        {
            return Results.StatusCode(400);
        }

        var items = new JsonArray();
        lock (_ids)
        {
            for (var i = 0; i < lines.Length; i += 2)
            {
                var id = (string)JsonNode.Parse(lines[i])!["create"]!["_id"]!;
                var document = JsonNode.Parse(lines[i + 1])!;
                JsonObject result;
                if (lines[i + 1].Contains(PoisonMarker, StringComparison.Ordinal))
                {
                    result = new JsonObject { ["_id"] = id, ["status"] = 400, ["error"] = new JsonObject { ["type"] = "mapper_parsing_exception" } };
                }
                else if (!_ids.Add(id))
                {
                    Conflicts++;
                    result = new JsonObject { ["_id"] = id, ["status"] = 409, ["error"] = new JsonObject { ["type"] = "version_conflict_engine_exception" } };
                }
                else
                {
                    Received.Add((long)document["event"]!["sequence"]!);
                    result = new JsonObject { ["_id"] = id, ["status"] = 201, ["result"] = "created" };
                }

                items.Add(new JsonObject { ["create"] = result });
            }
        }

        return Results.Json(new JsonObject { ["errors"] = items.Any(n => (int)n!["create"]!["status"]! >= 300), ["items"] = items });
    }
}
