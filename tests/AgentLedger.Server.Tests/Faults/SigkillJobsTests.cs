using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AgentLedger.Bench;
using AgentLedger.CrashTest;
using AgentLedger.Server.Tests.Compliance;
using AgentLedger.Server.Tests.Siem;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Faults;

/// <summary>
/// Issue 12, "SIGKILL during sealing and export": the real server process (as the ingest crash test runs it) is killed
/// while the compliance log sealer or an export is at work, then started again on the same database. The record chain
/// verifies, sealed files cover every record exactly once, and the export is rebuilt complete. SIGKILL during SIEM
/// delivery is <see cref="SiemSigkillTests"/>.
/// </summary>
public sealed class SigkillJobsTests
{
    private const string Workspace = "ws-kill";

    [Fact]
    public async Task Sigkill_MidSealingUnderIngest_ChainVerifiesAndSealedFilesHoldEveryRecordOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var run = await KilledServerRun.CreateAsync(ct,
            "--Compliance:Logs:SealInterval=00:00:00.010", "--Compliance:Logs:PollInterval=00:00:00.020", "--Compliance:Logs:MaxRecordsPerFile=25");
        var load = new FaultLoad("seal");
        int sealedAtKill;
        await using (var server = await run.StartAsync(ct))
        {
            using var stop = new CancellationTokenSource();
            var ingesting = load.RunAsync(() => run.Client(server), senders: 4, batches: 150, size: 10, stop.Token);
            var collector = new CodexLogCollector(run.Client(server), Workspace, batchSize: 100);
            Assert.True(await SiemApi.WaitUntilAsync(async () =>
            {
                await collector.PollAsync();
                return collector.Files.Count >= 5;
            }, TimeSpan.FromSeconds(60)), "sealing did not get going");

            // Sealing runs every 20 ms under a steady ingest, so a kill at any moment lands in or between sealing rounds.
            await Task.Delay(Random.Shared.Next(0, 300), ct);
            server.Kill();
            Assert.Equal(137, await server.WaitForExitAsync());
            sealedAtKill = collector.Files.Count;
            await stop.CancelAsync();
            await ingesting;
        }

        await using (var restarted = await run.StartAsync(ct))
        {
            using var client = run.Client(restarted);
            await load.RunAsync(() => run.Client(restarted), senders: 4, batches: 150, size: 10, ct);
            Assert.Empty(load.Unexpected);
            var stored = await StoredAsync(client);
            var (lost, duplicates, gapFree, count) = load.Audit(stored);
            Assert.Equal((0, 0, true, 4 * 150 * 10), (lost, duplicates, gapFree, count));

            // A fresh collector reads every file: each matches its SHA-256, and together they hold every record once.
            var collector = new CodexLogCollector(client, Workspace, batchSize: 100);
            Assert.True(await SiemApi.WaitUntilAsync(async () =>
            {
                await collector.PollAsync();
                return collector.Seqs.Count >= count;
            }, TimeSpan.FromSeconds(60)), $"sealed {collector.Seqs.Count} of {count} records after the restart");
            Assert.Empty(collector.DuplicateEventIds);
            Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), collector.Seqs.Order());
            Assert.Equal(stored.Select(r => r.EventId).Order(), collector.SourceEventIds.Order());
            await AssertChainValidAsync(client);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"killed with {sealedAtKill} files sealed and {load.NoAnswer} requests unanswered; {collector.Files.Count} files after restart");
        }
    }

    [Fact]
    public async Task Sigkill_MidExport_ExportIsRebuiltCompleteAfterRestartAndCanBeRunAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var run = await KilledServerRun.CreateAsync(ct, "--Compliance:Exports:PollInterval=00:00:00.050");
        const int count = 4000;
        List<string> sent;
        string? killedExport = null;
        await using (var server = await run.StartAsync(ct))
        {
            using var client = run.Client(server);
            sent = await SiemApi.IngestPromptsAsync(client, count, i => EventBuilder.Prompt().Prompt($"prompt {i} " + new string('p', 2000)));
            // An export of 4,000 records of 2 KB takes long enough to be caught running; if one finishes first, ask again.
            for (var attempt = 0; attempt < 5 && killedExport is null; attempt++)
            {
                var id = (string)(await (await client.PostJsonAsync("/api/v1/compliance/exports", new JsonObject())).EnsureSuccessStatusCode().ReadJsonAsync())["id"]!;
                while (true)
                {
                    // Progress is reported every 20,000 records, so "mid-build" is read from the disk: the package's
                    // .partial folder already holds records.
                    if (PartialHoldsRecords(run.ExportsPath))
                    {
                        server.Kill();
                        killedExport = id;
                        break;
                    }

                    var job = await (await client.GetAsync($"/api/v1/compliance/exports/{id}", ct)).EnsureSuccessStatusCode().ReadJsonAsync();
                    if ((string)job["status"]! is "completed" or "failed")
                    {
                        break;
                    }
                }
            }

            Assert.NotNull(killedExport);
            Assert.Equal(137, await server.WaitForExitAsync());
        }

        await using (var restarted = await run.StartAsync(ct))
        {
            using var client = run.Client(restarted);
            // The job the kill interrupted is claimed again and built from scratch ...
            await AssertCompleteExportAsync(client, killedExport, sent);
            // ... and a new export of the same data is complete as well.
            var again = (string)(await (await client.PostJsonAsync("/api/v1/compliance/exports", new JsonObject())).EnsureSuccessStatusCode().ReadJsonAsync())["id"]!;
            await AssertCompleteExportAsync(client, again, sent);
            await AssertChainValidAsync(client);
            Assert.Empty(Directory.GetDirectories(run.ExportsPath, "*.partial", SearchOption.AllDirectories));
        }
    }

    private static async Task AssertCompleteExportAsync(HttpClient client, string exportId, List<string> sent)
    {
        var done = await client.WaitForExportAsync(exportId);
        Assert.Equal(("completed", (long)sent.Count), ((string)done["status"]!, (long)done["record_count"]!));
        foreach (var file in done["files"]!.AsArray())
        {
            var bytes = await client.GetByteArrayAsync((string)file!["url"]!);
            Assert.Equal((string)file["sha256"]!, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            if ((string)file["name"]! == "records.ndjson")
            {
                var ids = System.Text.Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(l => (string)JsonNode.Parse(l)!["event_id"]!).ToList();
                Assert.Equal(sent.Order(), ids.Order());
            }
        }
    }

    private static bool PartialHoldsRecords(string exportsPath)
    {
        try
        {
            return Directory.Exists(exportsPath) && Directory.GetFiles(exportsPath, "records.ndjson", SearchOption.AllDirectories)
                .Any(f => Path.GetDirectoryName(f)!.EndsWith(".partial", StringComparison.Ordinal) && new FileInfo(f).Length > 0);
        }
        catch (IOException)
        {
            return false; // the folder moved while looking: the package was just completed
        }
    }

    private static async Task AssertChainValidAsync(HttpClient client)
    {
        var verification = await (await client.GetAsync("/api/v1/compliance/verify")).EnsureSuccessStatusCode().ReadJsonAsync();
        Assert.True((string?)verification["status"] == "valid", verification.ToJsonString());
    }

    private static async Task<List<(long Seq, string EventId)>> StoredAsync(HttpClient client) =>
        (await client.ReadAllRecordsAsync(Workspace)).Select(r => ((long)r["seq"]!, (string)r["event_id"]!)).ToList();

    /// <summary>A database folder, a key and the arguments for a server process that is killed and started again.</summary>
    private sealed class KilledServerRun : IAsyncDisposable
    {
        private readonly string _folder;
        private readonly string[] _arguments;

        private KilledServerRun(string folder, string key, string[] arguments)
        {
            _folder = folder;
            Key = key;
            _arguments = arguments;
        }

        public string Key { get; }

        public string ExportsPath => Path.Combine(_folder, "exports");

        private static string ServerDll => Path.Combine(AppContext.BaseDirectory, "agentledger.dll");

        private string DatabasePath => Path.Combine(_folder, "agentledger.db");

        public static async Task<KilledServerRun> CreateAsync(CancellationToken ct, params string[] arguments)
        {
            Assert.True(File.Exists(ServerDll), $"The server build output is missing: {ServerDll}");
            var folder = Directory.CreateTempSubdirectory("agentledger-kill-").FullName;
            var key = await ServerProcess.CreateKeyAsync(ServerDll, Path.Combine(folder, "agentledger.db"), Workspace,
                "ingest,compliance.read,compliance.admin", ct);
            return new KilledServerRun(folder, key, [.. arguments, "--Compliance:Exports:Path=" + Path.Combine(folder, "exports")]);
        }

        public Task<ServerProcess> StartAsync(CancellationToken ct) =>
            ServerProcess.StartAsync(ServerDll, DatabasePath, Path.Combine(_folder, "server.log"), TimeSpan.FromSeconds(60), ct, _arguments);

        public HttpClient Client(ServerProcess server)
        {
            var client = new HttpClient { BaseAddress = server.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
            return client;
        }

        public ValueTask DisposeAsync()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}
