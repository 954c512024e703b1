using System.Text.Json.Nodes;
using AgentLedger.Server.Features.Compliance.Audit;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Compliance;

public sealed class ComplianceOpenApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task OpenApiDocument_EveryCompliancePathHasASummaryAndDescribedParameters()
    {
        var document = JsonNode.Parse(await server.Client(null).GetStringAsync("/openapi/v1.json"))!;
        var compliance = document["paths"]!.AsObject().Where(p => CompliancePaths.IsCompliance(new Microsoft.AspNetCore.Http.PathString(p.Key))).ToList();

        var missing = new List<string>();
        foreach (var (path, item) in compliance)
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (string.IsNullOrWhiteSpace((string?)operation!["summary"]))
                {
                    missing.Add($"{method} {path}: summary");
                }

                missing.AddRange((operation["parameters"]?.AsArray() ?? []).Where(p => string.IsNullOrWhiteSpace((string?)p!["description"]))
                    .Select(p => $"{method} {path}: {p!["name"]}"));
            }
        }

        Assert.True(compliance.Count >= 9, $"only {compliance.Count} compliance paths in the document");
        Assert.True(missing.Count == 0, "Undescribed: " + string.Join(", ", missing));
    }
}
