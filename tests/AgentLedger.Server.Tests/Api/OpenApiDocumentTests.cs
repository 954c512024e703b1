using System.Text.Json.Nodes;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Api;

/// <summary>docs/api/openapi.json is the document the code generates; regenerate it with AGENTLEDGER_UPDATE_OPENAPI=1.</summary>
public sealed class OpenApiDocumentTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task CommittedOpenApiDocument_IsWhatTheServerGenerates()
    {
        var generated = JsonNode.Parse(await server.Client(null).GetStringAsync("/openapi/v1.json"))!;
        var path = RepositoryRoot.Path("docs", "api", "openapi.json");
        var text = generated.Pretty() + "\n";
        if (Environment.GetEnvironmentVariable("AGENTLEDGER_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, text);
        }

        Assert.True(File.Exists(path), "docs/api/openapi.json is missing; run the tests once with AGENTLEDGER_UPDATE_OPENAPI=1.");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        Assert.True(JsonNode.DeepEquals(committed, generated),
            "docs/api/openapi.json is stale: the endpoints changed. Regenerate it with AGENTLEDGER_UPDATE_OPENAPI=1 dotnet test and commit it.");
    }

    [Fact]
    public async Task OpenApiDocument_DescribesEveryAnalyticsParameterAndRowField()
    {
        var document = JsonNode.Parse(await server.Client(null).GetStringAsync("/openapi/v1.json"))!;

        var undescribed = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject().Where(p => p.Key.Contains("/analytics/", StringComparison.Ordinal)))
        {
            foreach (var parameter in item!["get"]!["parameters"]!.AsArray())
            {
                if (string.IsNullOrWhiteSpace((string?)parameter!["description"]))
                {
                    undescribed.Add($"{path} {parameter["name"]}");
                }
            }
        }

        foreach (var (name, schema) in document["components"]!["schemas"]!.AsObject()
                     .Where(s => s.Key.EndsWith("Row", StringComparison.Ordinal) || s.Key.StartsWith("Codex", StringComparison.Ordinal)))
        {
            foreach (var (property, definition) in schema!["properties"]?.AsObject() ?? [])
            {
                if (string.IsNullOrWhiteSpace((string?)definition!["description"]) && definition["$ref"] is null && definition["oneOf"] is null)
                {
                    undescribed.Add($"{name}.{property}");
                }
            }
        }

        Assert.True(undescribed.Count == 0, "Undescribed: " + string.Join(", ", undescribed));
        Assert.Contains("thread", (string)document["info"]!["description"]!, StringComparison.Ordinal);
    }
}
