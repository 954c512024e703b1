using System.Net.Http.Headers;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Metrics;
using AgentLedger.Server.Features.Admin;
using AgentLedger.Server.Hosting;
using AgentLedger.Server.Tests.Testing;
using AgentLedger.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Ingestion;

/// <summary>
/// Two AgentLedger instances (two real Kestrel hosts, two connection pools) on one PostgreSQL database, as behind a
/// load balancer: both migrate at start together, batches alternate between them and a third are retried through the
/// other one, all at once.
/// </summary>
public sealed class PostgreSqlTwoInstanceIngestTests(PostgreSqlServer postgres)
{
    private static readonly DateTimeOffset Hour1 = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ingest_InterleavedAndRetriedThroughTwoInstances_EveryEventOnceSeqGapFreeRollupsEqualRecomputation()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync(ct);
        try
        {
            var apps = await Task.WhenAll(StartAsync(connectionString), StartAsync(connectionString));
            await using var a = apps[0];
            await using var b = apps[1];
            var issued = await a.Services.GetRequiredService<ApiKeyIssuer>()
                .IssueAsync("acme", "load test", ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead, ct);
            var clients = apps.Select(app => Client(app, issued.Token)).ToArray();
            var batches = Batches();

            var posts = new List<Task>();
            for (var i = 0; i < batches.Count; i++)
            {
                posts.Add(PostAsync(clients[i % 2], batches[i]));
                if (i % 3 == 0)
                {
                    posts.Add(PostAsync(clients[(i + 1) % 2], batches[i]));
                }
            }

            await Task.WhenAll(posts);

            var events = batches.SelectMany(x => x).Select(e => e.Build()).ToList();
            var stored = await clients[1].ReadAllRecordsAsync("acme");
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), stored.Select(r => (long)r["seq"]!));
            Assert.Equal(events.Select(e => (string)e["event_id"]!).Order(), stored.Select(r => (string)r["event_id"]!).Order());
            var emailByUser = stored.GroupBy(r => (string)r["user_id"]!).ToDictionary(g => g.Key, g => (string)g.First()["actor"]!["email"]!);
            var rows = await b.Services.GetRequiredService<IUsageRollupReader>().ReadHourlyAsync("acme", Hour1, Hour1.AddDays(1), ct);
            var actual = rows.ToDictionary(r => new RollupKey(r.Key.HourStart, emailByUser[r.Key.UserId], Core.Records.WireNames.Of(r.Key.ClientId), r.Key.Model),
                r => r.Measures);
            var expected = ExpectedRollups.From(events);
            Assert.Equal(expected.Keys.OrderBy(k => k.ToString()), actual.Keys.OrderBy(k => k.ToString()));
            foreach (var (key, measures) in expected)
            {
                foreach (var column in UsageMeasures.Columns)
                {
                    Assert.True(column.Get(measures) == column.Get(actual[key]), $"{key} {column.Name}: expected {column.Get(measures)}, stored {column.Get(actual[key])}");
                }
            }

            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }

    /// <summary>
    /// 60 batches of 20 events. Each session stays within one user, client, model and hour, so where its thread is counted
    /// does not depend on which instance commits first.
    /// </summary>
    private static List<EventBuilder[]> Batches()
    {
        var people = new[] { "ana@example.com", "ben@example.com", "cy@example.com", "dee@example.com" };
        return Enumerable.Range(0, 60).Select(b => Enumerable.Range(0, 20).Select(i =>
        {
            var n = (b * 20) + i;
            var session = n % 37;
            var at = Hour1.AddHours(session % 5).AddSeconds(n);
            var builder = n % 2 == 0 ? EventBuilder.Prompt() : EventBuilder.Response().Tokens(1_000 + n, n % 500, 200 + n);
            return builder.Id($"evt-{n}").User(people[session % people.Length]).Session($"s-{session}").At(at)
                .Model(session % 2 == 0 ? "gpt-5-codex" : "claude-sonnet-4-5");
        }).ToArray()).ToList();
    }

    private static async Task PostAsync(HttpClient client, EventBuilder[] batch) =>
        (await client.PostEventsAsync(EventBuilder.Batch(batch))).EnsureSuccessStatusCode();

    private static async Task<WebApplication> StartAsync(string connectionString)
    {
        var app = AgentLedgerApp.Build(
        [
            "--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0", "--Storage:Provider=PostgreSql", $"--Storage:PostgreSql:ConnectionString={connectionString}",
            "--Storage:MigrateOnStart=true",
        ]);
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app, string token)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
