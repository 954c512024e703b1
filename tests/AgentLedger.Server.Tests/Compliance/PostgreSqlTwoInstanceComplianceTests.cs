using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Admin;
using AgentLedger.Server.Hosting;
using AgentLedger.Server.Tests.Testing;
using AgentLedger.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Compliance;

/// <summary>
/// Two instances on one PostgreSQL, both running the sealing and export jobs, ingest spread over both: the jobs take
/// turns through their leases, and a collector reading from either instance in turn ends with every record once.
/// </summary>
public sealed class PostgreSqlTwoInstanceComplianceTests(PostgreSqlServer postgres)
{
    [Fact]
    public async Task TwoInstancesSealing_CollectorAlternatingBetweenThem_EveryRecordOnceAndExportServedByEither()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync(ct);
        var exports = Directory.CreateTempSubdirectory("agentledger-pg-exports-").FullName;
        try
        {
            var apps = await Task.WhenAll(StartAsync(connectionString, exports), StartAsync(connectionString, exports));
            await using var a = apps[0];
            await using var b = apps[1];
            var token = (await a.Services.GetRequiredService<ApiKeyIssuer>()
                .IssueAsync("acme", "collector", ApiKeyScope.Ingest | ApiKeyScope.ComplianceAdmin, ct)).Token;
            var clients = apps.Select(app => Client(app, token)).ToArray();
            var turn = 0;
            var collector = new CodexLogCollector(() => clients[turn++ % 2], "acme", batchSize: 3);
            var ingest = new ConcurrentIngest();

            var ingesting = ingest.RunAsync(s => Client(apps[s % 2], token), senders: 4, batchesPerSender: 8, perBatch: 10);
            while (!ingesting.IsCompleted)
            {
                await collector.PollAsync();
                await Task.Delay(50, ct);
            }

            await ingesting;
            var (_, lastSeq) = await a.Services.GetRequiredService<IRecordReader>().CountAsync("acme", ct);
            var store = b.Services.GetRequiredService<IComplianceLogStore>();
            while (await store.SealedSeqAsync("acme", ComplianceLogType.CodexLog, ct) < lastSeq)
            {
                await Task.Delay(50, ct);
            }

            await collector.PollAsync();
            Assert.Equal(ingest.SentEventIds.Order(), collector.SourceEventIds.Order());
            Assert.Empty(collector.DuplicateEventIds);
            Assert.Equal(Enumerable.Range(1, (int)lastSeq).Select(i => (long)i), collector.Seqs.Order());

            var job = await (await clients[0].PostJsonAsync("/api/v1/compliance/exports", new JsonObject())).ReadJsonAsync();
            var done = await clients[1].WaitForExportAsync((string)job["id"]!);
            Assert.Equal(("completed", lastSeq), ((string)done["status"]!, (long)done["record_count"]!));
            var records = await clients[1].GetStringAsync((string)done["files"]![0]!["url"]!);
            Assert.Equal(ingest.SentEventIds.Order(),
                records.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (string)JsonNode.Parse(l)!["event_id"]!).Order());
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
            Directory.Delete(exports, recursive: true);
        }
    }

    private static async Task<WebApplication> StartAsync(string connectionString, string exports)
    {
        var app = AgentLedgerApp.Build(
        [
            "--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0", "--Storage:Provider=PostgreSql", $"--Storage:PostgreSql:ConnectionString={connectionString}",
            "--Storage:MigrateOnStart=true", "--Compliance:Logs:SealInterval=00:00:00.200", "--Compliance:Logs:PollInterval=00:00:00.050",
            "--Compliance:Logs:MaxRecordsPerFile=40", $"--Compliance:Exports:Path={exports}", "--Compliance:Exports:PollInterval=00:00:00.100",
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
