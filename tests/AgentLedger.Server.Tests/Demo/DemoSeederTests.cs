using System.Net;
using System.Text.Json;
using AgentLedger.Core.Dlp;
using AgentLedger.Core.Identity;
using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Demo;
using AgentLedger.Server.Features.Ingestion.Events;
using AgentLedger.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Tests.Demo;

/// <summary>The demo workspace, seeded by the real host into a real SQLite file (20 users, 10 days).</summary>
public sealed class DemoSeederTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_WhileSeeding_LiveAnswersAndReadyReportsDemoUnhealthyUntilSeeded()
    {
        using var folder = new TemporaryFolder();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await DemoTestServer.StartAsync(folder.File("demo.db"), demo: true, Cancellation,
            configure: services => services.AddSingleton<IDirectoryStore>(sp =>
                new GatedDirectoryStore(sp.GetRequiredService<SqliteWorkspaceStore>(), gate.Task)));

        // The seeder is held before its first write, yet the host has started and answers.
        using var live = await server.GetAsync("/health/live", Cancellation);
        using var notReady = await server.GetAsync("/health/ready", Cancellation);
        var seeding = JsonDocument.Parse(await notReady.Content.ReadAsStringAsync(Cancellation)).RootElement;
        gate.SetResult();
        var ready = await server.WaitUntilReadyAsync(Cancellation);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("unhealthy", seeding.GetProperty("checks").GetProperty("demo").GetProperty("status").GetString());
        Assert.Equal("healthy", seeding.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
        Assert.Equal("healthy", ready.GetProperty("checks").GetProperty("demo").GetProperty("status").GetString());
        var (count, _) = await server.Services.GetRequiredService<IRecordReader>().CountAsync(DemoTestServer.WorkspaceId, Cancellation);
        Assert.True(count > 1_000, $"only {count} records were stored");
    }

    [Fact]
    public async Task Start_SeedingFails_ServerKeepsRunningAndReadyReportsDemoDegraded()
    {
        using var folder = new TemporaryFolder();
        var broken = Task.FromException(new InvalidOperationException("directory unavailable"));
        await using var server = await DemoTestServer.StartAsync(folder.File("demo.db"), demo: true, Cancellation,
            configure: services => services.AddSingleton<IDirectoryStore>(sp =>
                new GatedDirectoryStore(sp.GetRequiredService<SqliteWorkspaceStore>(), broken)));

        var ready = await server.WaitUntilReadyAsync(Cancellation);
        using var live = await server.GetAsync("/health/live", Cancellation);

        var demo = ready.GetProperty("checks").GetProperty("demo");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("degraded", demo.GetProperty("status").GetString());
        Assert.Contains("directory unavailable", demo.GetProperty("description").GetString(), StringComparison.Ordinal);
        var (count, _) = await server.Services.GetRequiredService<IRecordReader>().CountAsync(DemoTestServer.WorkspaceId, Cancellation);
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task Start_DemoUsersOutOfRange_FailsNamingTheKey()
    {
        using var folder = new TemporaryFolder();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            DemoTestServer.StartAsync(folder.File("demo.db"), demo: true, Cancellation, users: 0));

        Assert.Contains("Users", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SmallDemo_EverySurfaceAgentAndReviewOutcomeHasActivity()
    {
        using var folder = new TemporaryFolder();
        await using var server = await DemoTestServer.StartAsync(folder.File("demo.db"), demo: true, Cancellation);
        await server.WaitUntilReadyAsync(Cancellation);

        var rows = await ReadRollupsAsync(server);

        foreach (var surface in new[] { Surface.Cli, Surface.Ide, Surface.Desktop, Surface.Cloud, Surface.CodeReview })
        {
            Assert.True(rows.Any(r => r.Key.Surface == surface && r.Key.UserId.Length > 0), $"no active user on {surface}");
        }

        Assert.Contains(rows, r => r.Key.ClientId.ToString().Contains("VsCode", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Key.ClientId.ToString().Contains("JetBrains", StringComparison.Ordinal));
        Assert.Equal([Agent.Codex, Agent.ClaudeCode, Agent.GeminiCli], rows.Select(r => r.Key.Agent).Distinct().Order());
        Assert.All(rows.Where(r => r.Key.Model.Length > 0), r => Assert.NotNull(PriceBook.Default.Find(r.Key.Model)));
        Assert.All(rows, r => Assert.Contains(r.Key.Team, DemoTeam.All.Select(t => t.Name)));

        var totals = new UsageMeasures();
        foreach (var row in rows)
        {
            totals.Add(row.Measures);
        }

        Assert.True(totals.Credits > 0, "no credits");
        Assert.True(totals.CachedInputTokens > 0 && totals.ReasoningTokens > 0, "no cached or reasoning tokens");
        Assert.True(totals.ToolCalls > 0 && totals.Messages > 0 && totals.Threads > 0, "no sessions with prompts and tool calls");
        Assert.True(totals.CloudTasksCompleted > 0 && totals.CloudTasksFailed > 0,
            $"cloud tasks completed {totals.CloudTasksCompleted}, failed {totals.CloudTasksFailed}");
        Assert.True(totals.CommentsP0 > 0 && totals.CommentsP1 > 0 && totals.CommentsP2 > 0 && totals.CommentsP3 > 0,
            $"comments P0 {totals.CommentsP0}, P1 {totals.CommentsP1}, P2 {totals.CommentsP2}, P3 {totals.CommentsP3}");
        Assert.True(totals.ReactionsUp > 0 && totals.ReactionsDown > 0 && totals.ReactionsOther > 0,
            $"reactions up {totals.ReactionsUp}, down {totals.ReactionsDown}, other {totals.ReactionsOther}");
        Assert.True(totals.Replies > 0, "no replies");
    }

    [Fact]
    public async Task Start_SmallDemo_DlpFindsEveryPlantRedactingSecretsAndFlaggingPersonalData()
    {
        using var folder = new TemporaryFolder();
        await using var server = await DemoTestServer.StartAsync(folder.File("demo.db"), demo: true, Cancellation);
        await server.WaitUntilReadyAsync(Cancellation);

        var texts = new List<string>();
        var findings = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = server.Services.GetRequiredService<IRecordReader>();
        for (long after = 0; ;)
        {
            var page = await reader.ReadAfterSeqAsync(DemoTestServer.WorkspaceId, after, 1_000, Cancellation);
            if (page.Count == 0)
            {
                break;
            }

            texts.AddRange(page.SelectMany(r => new[] { r.PromptText, r.ResponseText, r.ToolOutput }).OfType<string>());
            foreach (var finding in page.SelectMany(r => r.Attributes?[DlpWireNames.FindingsAttribute]?.AsArray() ?? []))
            {
                findings[(string)finding!["hmac_sha256"]!] = (string)finding["action"]!;
            }

            after = page[^1].Seq;
        }

        // Each plant's Finding is the exact value a detector should report: its hash must be among the findings, and
        // the stored text must hold it verbatim exactly when the default policy only flags it.
        var hasher = await server.Services.GetRequiredService<DlpHasherSource>().GetAsync(Cancellation);
        var plants = new DemoPlants(DemoPlan.Create(new DemoOptions { Users = 20, Days = 10 }, DemoTestServer.Now)).All;
        Assert.Equal(10, plants.Count);
        foreach (var plant in plants)
        {
            Assert.True(findings.TryGetValue(hasher.Hash(plant.Finding), out var action), $"{plant.Slot}: not detected");
            Assert.Equal(action == "flag", texts.Any(t => t.Contains(plant.Finding, StringComparison.Ordinal)));
        }

        Assert.Contains(texts, t => t.Contains("AWS_ACCESS_KEY_ID=[REDACTED:aws-access-key-id]", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("[REDACTED:private-key]", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("-----BEGIN RSA PRIVATE KEY-----", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_SecondTime_StoresNothingNewAndIssuesNoKey()
    {
        using var folder = new TemporaryFolder();
        var database = folder.File("demo.db");
        long first;
        await using (var server = await DemoTestServer.StartAsync(database, demo: true, Cancellation))
        {
            await server.WaitUntilReadyAsync(Cancellation);
            (first, _) = await server.Services.GetRequiredService<IRecordReader>().CountAsync(DemoTestServer.WorkspaceId, Cancellation);
        }

        await using var again = await DemoTestServer.StartAsync(database, demo: true, Cancellation);
        var ready = await again.WaitUntilReadyAsync(Cancellation);

        var (second, _) = await again.Services.GetRequiredService<IRecordReader>().CountAsync(DemoTestServer.WorkspaceId, Cancellation);
        var keys = await again.Services.GetRequiredService<IWorkspaceStore>().ListApiKeysAsync(DemoTestServer.WorkspaceId, Cancellation);
        Assert.Equal(first, second);
        Assert.Single(keys, k => k.Name == DemoSeeder.KeyName && k.Scopes == ApiKeyScope.Admin);
        Assert.Contains("already seeded", ready.GetProperty("checks").GetProperty("demo").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AfterInterruptedSeeding_ResumesToTheSameEventsAsAnUninterruptedRun()
    {
        using var folder = new TemporaryFolder();
        var whole = await SeedAndListEventIdsAsync(folder.File("whole.db"));

        // An interrupted seeding: directory written, first four days stored, no demo key yet.
        var interrupted = folder.File("interrupted.db");
        await using (var server = await DemoTestServer.StartAsync(interrupted, demo: false, Cancellation))
        {
            await WriteFirstDaysAsync(server, days: 4);
        }

        var resumed = await SeedAndListEventIdsAsync(interrupted);

        Assert.True(whole.Count > 1_000, $"only {whole.Count} records");
        Assert.Equal(whole.Order(StringComparer.Ordinal), resumed.Order(StringComparer.Ordinal));
    }

    private static async Task<List<string>> SeedAndListEventIdsAsync(string database)
    {
        await using var server = await DemoTestServer.StartAsync(database, demo: true, Cancellation);
        await server.WaitUntilReadyAsync(Cancellation);
        var ids = new List<string>();
        var reader = server.Services.GetRequiredService<IRecordReader>();
        for (long after = 0; ;)
        {
            var page = await reader.ReadAfterSeqAsync(DemoTestServer.WorkspaceId, after, 1_000, Cancellation);
            if (page.Count == 0)
            {
                return ids;
            }

            ids.AddRange(page.Select(r => r.EventId));
            after = page[^1].Seq;
        }
    }

    private static async Task WriteFirstDaysAsync(DemoTestServer server, int days)
    {
        var services = server.Services;
        var plan = DemoPlan.Create(new DemoOptions { Users = 20, Days = 10 }, DemoTestServer.Now);
        var users = DemoPopulation.Create(plan);
        await services.GetRequiredService<IWorkspaceStore>().EnsureWorkspaceAsync(plan.WorkspaceId, "demo", Cancellation);
        await services.GetRequiredService<IDirectoryStore>().UpsertUsersAsync(plan.WorkspaceId,
            [.. users.Select(u => new DirectoryUserUpdate(u.Email, u.DisplayName, u.Team.Name))], Cancellation);
        var mapper = services.GetRequiredService<NativeEventMapper>();
        var writer = services.GetRequiredService<IngestBatchWriter>();
        var generator = new DemoActivityGenerator(plan, users, DemoTestServer.Now);
        for (var day = 0; day < days; day++)
        {
            var records = generator.GenerateDay(day)
                .SelectMany(e => mapper.Map(e.Event, new NativeEventContext(plan.WorkspaceId, DemoTestServer.Now, e.ClientIp, e.UserAgent)).Records)
                .ToList();
            await writer.WriteAsync(records, Cancellation);
        }
    }

    private static async Task<IReadOnlyList<UsageRollupRow>> ReadRollupsAsync(DemoTestServer server) =>
        await server.Services.GetRequiredService<IUsageRollupReader>().ReadHourlyAsync(
            DemoTestServer.WorkspaceId, DemoTestServer.Now.AddDays(-12), DemoTestServer.Now.AddDays(1), Cancellation);
}
