using System.Text.Json.Nodes;
using AgentLedger.Core.Records;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Ingestion;

/// <summary>The published JSON Schema must list exactly the values the server accepts.</summary>
public sealed class NativeEventSchemaTests
{
    private static readonly JsonObject Properties =
        JsonNode.Parse(File.ReadAllText(RepositoryRoot.Path("docs", "api", "native-events.schema.json")))!["properties"]!.AsObject();

    [Fact]
    public void Schema_Types_MatchRecordKinds() =>
        Assert.Equal(WireNames.AllKinds.Where(k => k != "other").Order(), Enum(Properties["type"]!));

    [Fact]
    public void Schema_ClientIds_MatchClientCatalog() =>
        Assert.Equal(ClientCatalog.Clients.Select(c => c.WireName).Order(), Enum(Properties["client_id"]!));

    [Fact]
    public void Schema_AgentsAndSurfaces_MatchWireNames()
    {
        Assert.Equal(WireNames.AllAgents.Order(), Enum(Properties["agent"]!));
        Assert.Equal(WireNames.AllSurfaces.Order(), Enum(Properties["surface"]!));
    }

    private static IEnumerable<string> Enum(JsonNode property) => property["enum"]!.AsArray().Select(v => (string)v!).Order();
}
