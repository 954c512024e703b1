using System.Net;
using System.Text;
using AgentLedger.Server.Tests.Testing;
using AgentLedger.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Faults;

/// <summary>
/// Issue 12, "disk full on SQLite": the database is capped (<c>PRAGMA max_page_count</c>, which fails writes with the
/// real SQLITE_FULL of a full disk) just above its size while senders ingest. Ingest answers 503 naming the full
/// storage, nothing stored is damaged (integrity check, hash chain), and once space returns (the cap is lifted) the
/// refused batches go through and every acknowledged record is there once.
/// </summary>
public sealed class SqliteDiskFullTests
{
    [Fact]
    public async Task DiskFullDuringIngest_Answers503NamingIt_NothingCorrupt_RecoversWhenSpaceReturns()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = new ServerFixture();
        await server.InitializeAsync();
        try
        {
            var ws = await server.NewWorkspaceAsync();
            var load = new FaultLoad("full");
            // The "disk": 600 KiB beyond what the schema takes (in pages of the file's size). Set before the first ingest,
            // because the single writer's connection is opened on first use and the cap is a connection setting.
            var database = server.Services.GetRequiredService<SqliteDatabase>();
            database.MaxPageCount = await PageCountAsync(server.DatabasePath) + 600 * 1024 / (long)(await ScalarAsync(server.DatabasePath, "PRAGMA page_size"))!;
            using (var client = ws.Client())
            {
                for (var b = 0; b < 10; b++)
                {
                    Assert.True(await load.SendOnceAsync(client, FaultLoad.Batch("full", 99, b, 20)), string.Join("; ", load.Unexpected));
                }
            }

            // Four senders of 40 batches: some fit into the last pages, then the disk is full.
            using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await load.RunAsync(ws.Client, senders: 4, batches: 40, size: 20, giveUp.Token);
            Assert.True(load.Refused > 0, "the database never filled up");
            Assert.Empty(load.Unexpected);
            Assert.Equal(0, load.NoAnswer);
            Assert.All(load.Refusals, p =>
            {
                Assert.Equal("storage_full", (string?)p["cause"]);
                Assert.Contains("no space left", (string?)p["detail"], StringComparison.Ordinal);
            });

            // OTLP answers in its own shape, with the same cause.
            using (var client = ws.Client())
            {
                // 200 records of 4 KB: more than whatever a failed transaction's rollback left free.
                var logRecords = string.Join(',', Enumerable.Range(0, 200).Select(i =>
                    $$$"""{"timeUnixNano":"17636337000000{{{i:D5}}}","body":{"stringValue":"{{{new string('y', 4000)}}}"},"attributes":[{"key":"event.name","value":{"stringValue":"codex.user_prompt"}},{"key":"user.email","value":{"stringValue":"dev@example.com"}}]}"""));
                var otlp = $$$"""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{{{logRecords}}}]}]}]}""";
                using var response = await client.PostAsync("/v1/logs", new StringContent(otlp, Encoding.UTF8, "application/json"), ct);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Contains("no space left", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
            }

            Assert.Equal("ok", await IntegrityCheckAsync(server.DatabasePath));
            var whileFull = await load.AuditAsync(server.Services, ws.Id);
            Assert.Equal(0, whileFull.Lost);
            Assert.Equal(0, whileFull.Duplicates);
            Assert.True(whileFull.SeqGapFree);

            // Space returns: the refused batches are sent again and all go through.
            database.MaxPageCount = null;
            await load.RunAsync(ws.Client, senders: 4, batches: 40, size: 20, ct);
            var after = await load.AuditAsync(server.Services, ws.Id);
            Assert.Equal(0, after.Lost);
            Assert.Equal(0, after.Duplicates);
            Assert.True(after.SeqGapFree);
            Assert.Equal(10 * 20 + 4 * 40 * 20, after.Stored);
            Assert.Equal("ok", await IntegrityCheckAsync(server.DatabasePath));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task<long> PageCountAsync(string path) => (long)(await ScalarAsync(path, "PRAGMA page_count"))!;

    private static async Task<string> IntegrityCheckAsync(string path) => (string)(await ScalarAsync(path, "PRAGMA integrity_check"))!;

    private static async Task<object?> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
