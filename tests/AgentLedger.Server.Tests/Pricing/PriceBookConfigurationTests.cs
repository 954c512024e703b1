using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Hosting;
using AgentLedger.Server.Tests.Testing;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Tests.Pricing;

/// <summary>A server whose server-wide book comes from the PriceBook configuration section.</summary>
public sealed class ConfiguredPriceBookServerFixture : ServerFixture
{
    protected override IEnumerable<string> ExtraArgs =>
    [
        "--PriceBook:CreditsPerUsd=10",
        "--PriceBook:Models:0:Model=in-house", "--PriceBook:Models:0:InputPerMillion=2", "--PriceBook:Models:0:CachedInputPerMillion=1",
        "--PriceBook:Models:0:OutputPerMillion=8", "--PriceBook:Models:0:ReasoningPerMillion=16", "--PriceBook:Models:0:Aliases:0=house-llm",
        "--PriceBook:Models:1:Model=exact-model", "--PriceBook:Models:1:Match=Exact", "--PriceBook:Models:1:InputPerMillion=1",
        "--PriceBook:Models:1:CachedInputPerMillion=1", "--PriceBook:Models:1:OutputPerMillion=1",
    ];
}

public sealed class PriceBookConfigurationTests(ConfiguredPriceBookServerFixture server) : IClassFixture<ConfiguredPriceBookServerFixture>
{
    [Fact]
    public async Task ConfiguredBook_ReplacesTheDefaultsForEveryWorkspace()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead | ApiKeyScope.Admin);
        var house = EventBuilder.Response().Model("house-llm-v2").Tokens(1_000_000, 500_000, 1_000_000, 250_000);
        var exactMiss = EventBuilder.Response().Model("exact-model-v2").Tokens(1_000_000, 0, 0);
        var notListed = EventBuilder.Response().Model("gpt-5-codex").Tokens(1_000_000, 0, 0);

        (await ws.Client().PostEventsAsync(new JsonArray(house.Build(), exactMiss.Build(), notListed.Build()))).EnsureSuccessStatusCode();

        var records = (await ws.Client().ReadAllRecordsAsync(ws.Id)).ToDictionary(r => (string)r["event_id"]!);
        // 500k uncached at $2, 500k cached at $1, 750k output at $8, 250k reasoning at $16 = 1 + 0.5 + 6 + 4 = $11.5, 10 credits per USD.
        Assert.Equal(11.5m, (decimal)records[house.EventId]["cost_usd"]!);
        Assert.Equal(115m, (decimal)records[house.EventId]["credits"]!);
        Assert.Null((decimal?)records[exactMiss.EventId]["credits"]);
        Assert.Null((decimal?)records[notListed.EventId]["credits"]);
        var book = await (await ws.Client().GetAsync($"/api/v1/workspaces/{ws.Id}/price_book")).EnsureSuccessStatusCode().ReadJsonAsync();
        Assert.Equal(["in-house", "exact-model"], book["server_default"]!["models"]!.AsArray().Select(m => (string)m!["model"]!));
        Assert.Equal("exact", (string)book["server_default"]!["models"]![1]!["match"]!);
    }

    [Fact]
    public async Task InvalidSection_FailsStartNamingEachKey()
    {
        var folder = Directory.CreateTempSubdirectory("agentledger-pricebook-");
        try
        {
            await using var app = AgentLedgerApp.Build(
            [
                "--urls", "http://127.0.0.1:0", $"--Storage:Sqlite:Path={Path.Combine(folder.FullName, "a.db")}", "--Otlp:Grpc:Port=0",
                "--PriceBook:CreditsPerUsd=0", "--PriceBook:RefreshInterval=00:00:00",
                "--PriceBook:Models:0:Model=m", "--PriceBook:Models:0:InputPerMillion=-1", "--PriceBook:Models:0:OutputPerMillion=1",
                "--PriceBook:Models:0:Match=Fuzzy",
            ]);

            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

            Assert.Contains("PriceBook:CreditsPerUsd", error.Message, StringComparison.Ordinal);
            Assert.Contains("PriceBook:RefreshInterval", error.Message, StringComparison.Ordinal);
            Assert.Contains("PriceBook:Models:0:InputPerMillion", error.Message, StringComparison.Ordinal);
            Assert.Contains("PriceBook:Models:0:CachedInputPerMillion is required", error.Message, StringComparison.Ordinal);
            Assert.Contains("PriceBook:Models:0:Match is 'Fuzzy'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }
}
