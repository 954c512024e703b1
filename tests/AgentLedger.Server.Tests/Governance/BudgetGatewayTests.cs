using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Gateway;
using AgentLedger.Core.Governance;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Admin;
using AgentLedger.Server.Features.Gateway;
using AgentLedger.Server.Features.Governance.Budgets;
using AgentLedger.Server.Tests.Gateway;
using AgentLedger.Server.Tests.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Governance;

/// <summary>
/// Budget enforcement through the model gateway on a fake clock: spend arrives through the native events API, the
/// gateway forwards to a loopback upstream that records what it receives.
/// </summary>
public sealed class BudgetGatewayTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BlockBudgetExhausted_RefusesInProviderShapeUntilItResets_AlertOnlyNeverBlocks()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.Respond = async c =>
        {
            c.Response.ContentType = "application/json";
            await c.Response.WriteAsync("""{"id":"resp_1","object":"response","model":"gpt-x","output":[],"usage":{"input_tokens":1,"output_tokens":1,"total_tokens":2}}""");
        };
        await using var server = await GovernanceServer.StartAsync(Now,
            $"--Gateway:Upstreams:openai:BaseUrl={GatewayFixture.Root(upstream.BaseAddress)}/v1", "--Gateway:Upstreams:openai:ApiKey=sk-upstream");
        var (ws, client) = await server.NewWorkspaceAsync();
        (await client.PutAsync($"/api/v1/workspaces/{ws}/directory/users", new StringContent(
            """[{"email":"ana@example.com","team":"platform"},{"email":"cy@example.com","team":"design"}]""", Encoding.UTF8, "application/json"), Ct))
            .EnsureSuccessStatusCode();
        var budget = await client.PostJsonAsync($"/api/v1/workspaces/{ws}/budgets", new JsonObject
        {
            ["name"] = "Platform daily", ["scope"] = "team", ["team"] = "platform", ["period"] = "day", ["amount"] = 10, ["mode"] = "block",
        });
        await client.PostJsonAsync($"/api/v1/workspaces/{ws}/budgets", new JsonObject
        {
            ["name"] = "Workspace daily watch", ["scope"] = "workspace", ["period"] = "day", ["amount"] = 5, ["mode"] = "alert_only",
        });
        await client.SpendAsync("ana@example.com", 10, Now.AddMinutes(-10));
        await WaitUntilBlockedAsync(server, ws, "platform");

        // Ana's team budget is at 100%: refused in OpenAI's shape, and nothing reaches the upstream.
        var ana = await GatewayKeyAsync(server, ws, "Ana@Example.com");
        using (var refused = await SendAsync(server, ana))
        {
            Assert.Equal(429, (int)refused.StatusCode);
            var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync(Ct))!["error"]!;
            Assert.Equal((BudgetGatewayGate.Code, "rate_limit_error"), ((string?)error["code"], (string?)error["type"]));
            var message = (string)error["message"]!;
            Assert.Contains("budget 'Platform daily' is exhausted (10 of 10 credits spent)", message, StringComparison.Ordinal);
            Assert.Contains("until it resets at 2026-03-11T00:00:00Z", message, StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromHours(12).TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                refused.Headers.GetValues("Retry-After").Single());
        }

        Assert.Empty(upstream.Requests);
        Assert.Equal("budget:" + (string)budget["id"]!, await RefusalRecordAsync(client, ws));

        // The alert-only workspace budget is at 200% and blocks no one; the team budget does not reach another team
        // (Cy) nor a caller the directory does not know (the key's name is no e-mail on file).
        foreach (var name in new[] { "cy@example.com", "stranger@example.com", "ci-bot" })
        {
            using var passed = await SendAsync(server, await GatewayKeyAsync(server, ws, name));
            Assert.Equal(200, (int)passed.StatusCode);
        }

        Assert.Equal(3, upstream.Requests.Count);

        // The next day the period has reset: the same request reaches the upstream.
        server.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 11, 0, 0, 1, TimeSpan.Zero));
        using (var after = await SendAsync(server, ana))
        {
            Assert.Equal(200, (int)after.StatusCode);
        }

        Assert.Equal(4, upstream.Requests.Count);
    }

    [Fact]
    public async Task Gates_RunDlpFirstThenBudgets()
    {
        await using var server = await GovernanceServer.StartAsync(Now);
        var gates = server.Services.GetServices<IGatewayRequestGate>().Select(g => g.GetType()).ToList();
        Assert.Equal([typeof(DlpGatewayGate), typeof(BudgetGatewayGate)], gates);
    }

    private static async Task WaitUntilBlockedAsync(GovernanceServer server, string ws, string team)
    {
        var gate = server.Services.GetRequiredService<IBudgetGate>();
        for (var i = 0; i < 40; i++)
        {
            if (!(await gate.CheckAsync(ws, null, team, server.Clock.GetUtcNow(), Ct)).Allowed)
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        throw new Xunit.Sdk.XunitException("The spend never reached the team budget.");
    }

    private static async Task<string> GatewayKeyAsync(GovernanceServer server, string ws, string name) =>
        (await server.Services.GetRequiredService<ApiKeyIssuer>().IssueAsync(ws, name, ApiKeyScope.Gateway, CancellationToken.None)).Token;

    private static async Task<HttpResponseMessage> SendAsync(GovernanceServer server, string key)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/gateway/openai/v1/responses")
        {
            Content = new StringContent("""{"model":"gpt-x","input":"hello"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await http.SendAsync(request, Ct);
    }

    /// <summary>The policy recorded with the refused exchange (<c>gateway.blocked_by</c> of its <c>api.error</c> record).</summary>
    private static async Task<string?> RefusalRecordAsync(HttpClient client, string ws)
    {
        for (var i = 0; i < 40; i++)
        {
            var records = await client.ReadAllRecordsAsync(ws);
            if (records.FirstOrDefault(r => (string?)r["source"] == "gateway" && (string?)r["kind"] == "api.error") is { } error)
            {
                Assert.Equal("blocked", (string?)error["status"]);
                return (string?)error["attributes"]!["gateway"]!["blocked_by"];
            }

            await Task.Delay(100, Ct);
        }

        throw new Xunit.Sdk.XunitException("The refusal was not recorded.");
    }
}
