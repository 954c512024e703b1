using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Admin;
using AgentLedger.Server.Hosting;
using AgentLedger.Server.Tests.Testing;
using AgentLedger.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Faults;

/// <summary>
/// Issue 12, "PostgreSQL restarted mid-load": a PostgreSQL of this test's own (the shared one serves other tests) is
/// stopped while senders ingest into a running AgentLedger and started again. Meanwhile every answer is a 503 naming
/// the database with Retry-After (never a 500, never an acknowledgement), readiness says not ready; afterwards the
/// server reconnects by itself and every acknowledged record is stored exactly once.
/// </summary>
public sealed class PostgreSqlRestartTests
{
    [Fact]
    public async Task PostgreSqlStoppedMidLoad_Answers503MeanwhileAndReconnects_AcknowledgedRecordsLostZero()
    {
        var ct = TestContext.Current.CancellationToken;
        var postgres = new PostgreSqlServer();
        await postgres.InitializeAsync();
        try
        {
            postgres.Require();
            var connectionString = await postgres.CreateDatabaseAsync(ct);
            await using var app = AgentLedgerApp.Build(
            [
                "--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0", "--Storage:Provider=PostgreSql",
                $"--Storage:PostgreSql:ConnectionString={connectionString}", "--Storage:MigrateOnStart=true",
                // Connections that hang on a stopped server must not outlive the test: fail fast and retry.
                "--RateLimits:Enabled=false",
            ]);
            await app.StartAsync(ct);
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            const string workspace = "pg-restart";
            var key = (await app.Services.GetRequiredService<ApiKeyIssuer>()
                .IssueAsync(workspace, "load", ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead, ct)).Token;
            HttpClient Client()
            {
                var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                return client;
            }

            using var probe = Client();
            // Health probes come without a key (a key would be checked against the unreachable database first).
            using var anonymous = new HttpClient { BaseAddress = address };
            var load = new FaultLoad("pg");
            using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(ct);
            giveUp.CancelAfter(TimeSpan.FromSeconds(50));
            var running = load.RunAsync(Client, senders: 4, batches: 60, size: 10, giveUp.Token);

            while (load.Acknowledged.Count < 200 && !running.IsCompleted)
            {
                await Task.Delay(20, ct);
            }

            Assert.False(running.IsCompleted, "the load ended before PostgreSQL was stopped; make it longer");
            await postgres.StopAsync();
            // An answer already on its way when the server went down may still be booked just after.
            await Task.Delay(500, ct);
            var acknowledgedAtStop = load.Acknowledged.Count;

            // While it is down: readiness fails, a read fails as clearly as a write.
            using var ready = await anonymous.GetAsync("/health/ready", ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("unhealthy", await ready.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
            using var read = await probe.GetAsync($"/api/v1/workspaces/{workspace}/records?limit=10", ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
            Assert.NotNull(read.Headers.RetryAfter);
            var readProblem = await read.ReadJsonAsync();
            Assert.Equal("database_unavailable", (string?)readProblem["cause"]);
            Assert.Contains("PostgreSQL", (string?)readProblem["detail"], StringComparison.Ordinal);

            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (load.Refused < 8 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, ct);
            }

            var acknowledgedWhileDown = load.Acknowledged.Count - acknowledgedAtStop;
            Assert.True(load.Refused >= 8, $"only {load.Refused} refusals while PostgreSQL was down");
            await postgres.StartAsync();

            await running;
            Assert.False(giveUp.IsCancellationRequested, "the senders did not get every batch acknowledged after PostgreSQL came back");
            Assert.Empty(load.Unexpected);
            Assert.Equal(0, load.NoAnswer);
            Assert.All(load.Refusals, p =>
            {
                Assert.Equal(503, (int?)p["status"]);
                Assert.Contains((string?)p["cause"], new[] { "database_unavailable", "storage_error" });
            });
            Assert.Contains(load.Refusals, p => (string?)p["cause"] == "database_unavailable");
            Assert.Equal(0, acknowledgedWhileDown);

            using var readyAgain = await anonymous.GetAsync("/health/ready", ct);
            Assert.Equal(HttpStatusCode.OK, readyAgain.StatusCode);
            var (lost, duplicates, gapFree, stored) = await load.AuditAsync(app.Services, workspace);
            Assert.Equal(0, lost);
            Assert.Equal(0, duplicates);
            Assert.True(gapFree, "seqs are not 1..n");
            Assert.Equal(4 * 60 * 10, stored);
            await app.StopAsync(ct);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }
}
