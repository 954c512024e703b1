using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Pricing;
using AgentLedger.Server.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Pricing;

/// <summary>The workspace price book through the admin API: versions, effective times, validation, audit, and ingest pricing.</summary>
public sealed class PriceBookApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Get_NoVersions_ShowsTheServerBookInEffect()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Admin);

        var book = await (await ws.Client().GetAsync(PathOf(ws))).EnsureSuccessStatusCode().ReadJsonAsync();

        Assert.Equal("server", (string)book["effective"]!["source"]!);
        Assert.Equal(25m, (decimal)book["effective"]!["credits_per_usd"]!);
        Assert.Contains(book["effective"]!["models"]!.AsArray(), m => (string)m!["model"]! == "gpt-5-codex" && (decimal)m["output_per_million"]! == 10m);
        Assert.Empty(book["versions"]!.AsArray());
    }

    [Fact]
    public async Task Put_NewVersion_PricesUsageFromItsEffectiveTimeOnAndKeepsEarlierAndReportedFigures()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Admin | ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        var put = await ws.Client().PutAsJsonAsync(PathOf(ws), Body(creditsPerUsd: 100m, inputPerMillion: 4m, note: "negotiated rate"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var view = await put.ReadJsonAsync();
        var version = view["versions"]!.AsArray().Single()!;
        var effective = DateTimeOffset.Parse((string)version["effective_from"]!, CultureInfo.InvariantCulture);
        Assert.Equal((1, "workspace", "negotiated rate"), ((int)version["version"]!, (string)view["effective"]!["source"]!, (string)version["note"]!));

        var before = EventBuilder.Response().Model("gpt-5-codex-2026-01-15").Tokens(1_000_000, 0, 0).At(effective.AddSeconds(-1));
        var after = EventBuilder.Response().Model("gpt-5-codex-2026-01-15").Tokens(1_000_000, 0, 0).At(effective);
        var reported = EventBuilder.Response().Model("gpt-5-codex").Tokens(1_000_000, 0, 0).Credits(7m).At(effective.AddMilliseconds(1));
        (await ws.Client().PostEventsAsync(new JsonArray(before.Build(), after.Build(), reported.Build()))).EnsureSuccessStatusCode();

        var records = (await ws.Client().ReadAllRecordsAsync(ws.Id)).ToDictionary(r => (string)r["event_id"]!);
        Assert.Equal((1.25m, 31.25m), Money(records[before.EventId])); // the server book: $1.25 per million, 25 credits per USD
        Assert.Equal((4m, 400m), Money(records[after.EventId])); // the new version: $4 per million, 100 credits per USD
        Assert.Equal(7m, (decimal)records[reported.EventId]["credits"]!); // reported credits are kept
    }

    [Fact]
    public async Task Put_FutureVersion_AppliesOnlyFromThen()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Admin | ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        var from = DateTimeOffset.UtcNow.AddDays(30);
        var put = await ws.Client().PutAsJsonAsync(PathOf(ws), Body(creditsPerUsd: 10m, inputPerMillion: 2m, effectiveFrom: from));
        var view = await put.EnsureSuccessStatusCode().ReadJsonAsync();

        Assert.Equal("server", (string)view["effective"]!["source"]!); // still the server book now
        Assert.Equal(from.ToUnixTimeMilliseconds(), DateTimeOffset.Parse((string)view["versions"]![0]!["effective_from"]!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());
        var now = EventBuilder.Response().Model("gpt-5-codex").Tokens(1_000_000, 0, 0).At(DateTimeOffset.UtcNow.AddMinutes(-1));
        (await ws.Client().PostEventsAsync(new JsonArray(now.Build()))).EnsureSuccessStatusCode();
        Assert.Equal((1.25m, 31.25m), Money((await ws.Client().ReadAllRecordsAsync(ws.Id)).Single()));
    }

    [Fact]
    public async Task Put_InvalidBook_Answers400NamingEachFieldAndStoresNothing()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Admin);
        var body = Body(creditsPerUsd: 0m, inputPerMillion: -1m, effectiveFrom: DateTimeOffset.UtcNow.AddHours(-1));
        body["models"]!.AsArray().Add(new JsonObject { ["model"] = "GPT-5-CODEX", ["match"] = "regex", ["input_per_million"] = 1, ["cached_input_per_million"] = 1 });

        var response = await ws.Client().PutAsJsonAsync(PathOf(ws), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(
            ["credits_per_usd", "effective_from", "models[0].input_per_million", "models[1].match", "models[1].model", "models[1].output_per_million"],
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("already named by models[0].model", (string)errors["models[1].model"]![0]!, StringComparison.Ordinal);
        Assert.Contains("in the past", (string)errors["effective_from"]![0]!, StringComparison.Ordinal);
        var after = await (await ws.Client().GetAsync(PathOf(ws))).ReadJsonAsync();
        Assert.Empty(after["versions"]!.AsArray());
    }

    [Fact]
    public async Task Put_IsAnAuditRecordWithTheWholeVersion()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Admin);
        (await ws.Client().PutAsJsonAsync(PathOf(ws), Body(creditsPerUsd: 30m, inputPerMillion: 3m, note: "Q4"))).EnsureSuccessStatusCode();

        var events = await server.Services.GetRequiredService<IAuditLog>().ReadAfterSeqAsync(ws.Id, 0, 100, CancellationToken.None);

        var added = Assert.Single(events, e => e.Action == PricingAuditActions.VersionAdded);
        Assert.Equal((AuditActor.ApiKeyType, "admin"), (added.Actor.Type, added.Privilege));
        Assert.Equal((1, "Q4", 30m), ((int)added.ActionData!["version"]!, (string)added.ActionData["note"]!, (decimal)added.ActionData["price_book"]!["credits_per_usd"]!));
        Assert.Equal(3m, (decimal)added.ActionData["price_book"]!["models"]![0]!["input_per_million"]!);
    }

    [Fact]
    public async Task PriceBook_WithoutAdminScope_IsForbidden()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.AnalyticsRead | ApiKeyScope.ComplianceRead);

        Assert.Equal(HttpStatusCode.Forbidden, (await ws.Client().GetAsync(PathOf(ws))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ws.Client().PutAsJsonAsync(PathOf(ws), Body(10m, 1m))).StatusCode);
    }

    private static string PathOf(TestWorkspace ws) => $"/api/v1/workspaces/{ws.Id}/price_book";

    private static (decimal Cost, decimal Credits) Money(JsonObject record) => ((decimal)record["cost_usd"]!, (decimal)record["credits"]!);

    private static JsonObject Body(decimal creditsPerUsd, decimal inputPerMillion, DateTimeOffset? effectiveFrom = null, string? note = null)
    {
        var body = new JsonObject
        {
            ["credits_per_usd"] = creditsPerUsd,
            ["models"] = new JsonArray(new JsonObject
            {
                ["model"] = "gpt-5-codex", ["input_per_million"] = inputPerMillion, ["cached_input_per_million"] = 0.4m, ["output_per_million"] = 40m,
            }),
        };
        if (effectiveFrom is { } from)
        {
            body["effective_from"] = from.ToString("O", CultureInfo.InvariantCulture);
        }

        if (note is not null)
        {
            body["note"] = note;
        }

        return body;
    }
}
