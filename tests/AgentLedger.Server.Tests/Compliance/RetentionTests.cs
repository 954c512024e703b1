using System.Net;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Jobs;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Retention;
using AgentLedger.Server.Features.Compliance.Audit;
using AgentLedger.Server.Features.Compliance.Retention;
using AgentLedger.Server.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AgentLedger.Server.Tests.Compliance;

/// <summary>
/// Retention and legal holds end to end: holds through the API, the purge job on a fake clock over the real server's
/// database, the outcome seen through the record feed, <c>verify</c> and the audit log.
/// </summary>
public sealed class RetentionTests(ComplianceServerFixture server) : IClassFixture<ComplianceServerFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PurgeJob_ContentAfter30DaysMetadataAfter120_HeldUserKeptUntilReleased_LogStillVerifies_EveryStepAudited()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceAdmin | ApiKeyScope.ComplianceRead);
        using var client = ws.Client();
        var july = new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);
        var october = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        var events = new[]
        {
            Prompt("alice", july, 1), Prompt("alice", july, 2), Prompt("alice", july, 3), // seq 1-3
            Prompt("bob", july, 4), Prompt("bob", july, 5), // seq 4-5, held
            Prompt("alice", october, 6), Prompt("alice", october, 7), // seq 6-7
            Prompt("alice", Now.AddDays(-1), 8), Prompt("alice", Now.AddDays(-1), 9), // seq 8-9
        };
        await (await client.PostEventsAsync(EventBuilder.Batch(events))).EnsureSuccessStatusCode().ReadJsonAsync();
        var created = await client.PostJsonAsync("/api/v1/compliance/legal-holds", JsonNode.Parse("""
            {"name": "Matter 2026-31", "reason": "litigation", "filter": {"user_emails": ["Bob@example.com"]}}
            """)!);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var hold = await created.ReadJsonAsync();
        var clock = new FakeTimeProvider(Now);
        var job = JobFor(ws.Id, clock);

        Assert.True(await job.PurgeOnceAsync(TestContext.Current.CancellationToken));
        var afterFirst = await client.ReadAllRecordsAsync(ws.Id);
        var verifiedFirst = await (await client.GetAsync("/api/v1/compliance/verify")).EnsureSuccessStatusCode().ReadJsonAsync();
        var released = await client.PostAsync($"/api/v1/compliance/legal-holds/{hold["id"]}/release", null);
        clock.Advance(TimeSpan.FromDays(1));
        Assert.True(await job.PurgeOnceAsync(TestContext.Current.CancellationToken));
        var afterRelease = await client.ReadAllRecordsAsync(ws.Id);
        var verifiedAfterRelease = await (await client.GetAsync("/api/v1/compliance/verify")).EnsureSuccessStatusCode().ReadJsonAsync();
        var audit = await client.ReadAuditEventsAsync();

        // First round: content of seq 1-3 and 6-7 cleared (bob's held); metadata of seq 1-3 deleted (bob's seq 4 stops the run).
        Assert.Equal(Enumerable.Range(4, 6).Select(i => (long)i), afterFirst.Select(r => (long)r["seq"]!));
        Assert.Equal(["prompt 4", "prompt 5", null, null, "prompt 8", "prompt 9"], afterFirst.Select(r => (string?)r["prompt_text"]));
        Assert.Equal(["bob@example.com", "bob@example.com", "alice@example.com", "alice@example.com", "alice@example.com", "alice@example.com"],
            afterFirst.Select(r => (string?)r["actor"]!["email"]));
        Assert.Equal(("valid", 3L, 2L), ((string)verifiedFirst["status"]!, (long)verifiedFirst["purged_through_seq"]!, (long)verifiedFirst["content_purged"]!));
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal(Enumerable.Range(6, 4).Select(i => (long)i), afterRelease.Select(r => (long)r["seq"]!));
        Assert.Equal([null, null, "prompt 8", "prompt 9"], afterRelease.Select(r => (string?)r["prompt_text"]));
        Assert.Equal(("valid", 5L, 4L), ((string)verifiedAfterRelease["status"]!, (long)verifiedAfterRelease["purged_through_seq"]!,
            (long)verifiedAfterRelease["records_checked"]!));

        var actions = audit.Select(e => (string)e["action"]!).Where(a => a.StartsWith("RETENTION_", StringComparison.Ordinal) || a.StartsWith("LEGAL_HOLD_", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["LEGAL_HOLD_CREATED", "RETENTION_CONTENT_PURGED", "RETENTION_METADATA_PURGED", "LEGAL_HOLD_RELEASED", "RETENTION_CONTENT_PURGED", "RETENTION_METADATA_PURGED"],
            actions);
        var purges = audit.Where(e => ((string)e["action"]!).StartsWith("RETENTION_", StringComparison.Ordinal)).ToList();
        Assert.Equal([5L, 3L, 2L, 2L], purges.Select(e => (long)e["action_data"]!["record_count"]!));
        Assert.Equal(2L, (long)purges[0]["action_data"]!["held_count"]!);
        Assert.All(purges, e => Assert.Equal("SYSTEM", (string)e["actor"]!["type"]!));
        Assert.Equal("2026-10-27T12:00:00.000000Z", (string)purges[0]["action_data"]!["cutoff"]!);
        var createdEvent = audit.Single(e => (string)e["action"]! == "LEGAL_HOLD_CREATED");
        Assert.Equal("bob@example.com", (string)createdEvent["action_data"]!["filter"]!["user_emails"]![0]!);
    }

    [Fact]
    public async Task PurgeJob_SealedFileWhoseContentExpired_DownloadGone_ListingKeepsItsHash()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceAdmin | ApiKeyScope.ComplianceRead);
        using var client = ws.Client();
        var july = new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);
        await (await client.PostEventsAsync(EventBuilder.Batch(Prompt("carol", july, 1), Prompt("carol", july, 2)))).EnsureSuccessStatusCode().ReadJsonAsync();
        await server.SealNowAsync();
        var listPath = $"/v1/compliance/workspaces/{ws.Id}/logs?event_type=CODEX_LOG";
        var file = (await (await client.GetAsync(listPath)).EnsureSuccessStatusCode().ReadJsonAsync())["data"]!.AsArray().Single()!;
        var before = await client.GetAsync($"/v1/compliance/workspaces/{ws.Id}/logs/{file["id"]}");

        Assert.True(await JobFor(ws.Id, new FakeTimeProvider(Now)).PurgeOnceAsync(TestContext.Current.CancellationToken));
        var after = await client.GetAsync($"/v1/compliance/workspaces/{ws.Id}/logs/{file["id"]}");
        var listedAfter = (await (await client.GetAsync(listPath)).EnsureSuccessStatusCode().ReadJsonAsync())["data"]!.AsArray().Single()!;
        var verified = await (await client.GetAsync("/api/v1/compliance/verify")).EnsureSuccessStatusCode().ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, after.StatusCode);
        Assert.Contains("purged", (string)(await after.ReadProblemAsync())["detail"]!, StringComparison.Ordinal);
        Assert.Equal((string)file["file_sha256"]!, (string)listedAfter["file_sha256"]!);
        Assert.Equal("valid", (string)verified["status"]!);
    }

    [Fact]
    public async Task LegalHolds_CreateChangeRelease_ThroughTheApi_WithClearErrors()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.ComplianceAdmin | ApiKeyScope.ComplianceRead);
        using var client = ws.Client();
        using var readOnly = server.Client(await server.IssueKeyAsync(ws.Id, ApiKeyScope.ComplianceRead));

        var noName = await client.PostJsonAsync("/api/v1/compliance/legal-holds", JsonNode.Parse("""{"filter": {}}""")!);
        var badTime = await client.PostJsonAsync("/api/v1/compliance/legal-holds", JsonNode.Parse("""{"name": "x", "filter": {"start_time": "yesterday"}}""")!);
        var created = await (await client.PostJsonAsync("/api/v1/compliance/legal-holds", JsonNode.Parse("""
            {"name": "Matter 8", "filter": {"start_time": "2026-01-01T00:00:00Z", "end_time": "2026-02-01T00:00:00Z", "text": "Falcon"}}
            """)!)).EnsureSuccessStatusCode().ReadJsonAsync();
        var id = (string)created["id"]!;
        var changed = await (await client.PatchAsync($"/api/v1/compliance/legal-holds/{id}",
            new StringContent("""{"filter": {"user_ids": ["user-1"]}, "reason": "scope widened"}""", System.Text.Encoding.UTF8, "application/json")))
            .EnsureSuccessStatusCode().ReadJsonAsync();
        var released = await (await client.PostAsync($"/api/v1/compliance/legal-holds/{id}/release", null)).EnsureSuccessStatusCode().ReadJsonAsync();
        var releasedAgain = await client.PostAsync($"/api/v1/compliance/legal-holds/{id}/release", null);
        var active = await (await client.GetAsync("/api/v1/compliance/legal-holds")).EnsureSuccessStatusCode().ReadJsonAsync();
        var all = await (await client.GetAsync("/api/v1/compliance/legal-holds?include_released=true")).EnsureSuccessStatusCode().ReadJsonAsync();
        var forbidden = await readOnly.PostJsonAsync("/api/v1/compliance/legal-holds", JsonNode.Parse("""{"name": "y"}""")!);

        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Contains("name", (string)(await noName.ReadProblemAsync())["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badTime.StatusCode);
        Assert.Contains("filter.start_time", (string)(await badTime.ReadProblemAsync())["detail"]!, StringComparison.Ordinal);
        Assert.Equal(("active", "Falcon"), ((string)created["status"]!, (string)created["filter"]!["text"]!));
        Assert.Equal(("scope widened", "user-1", "Matter 8"), ((string)changed["reason"]!, (string)changed["filter"]!["user_ids"]![0]!, (string)changed["name"]!));
        Assert.Null(changed["filter"]!["text"]);
        Assert.Equal("released", (string)released["status"]!);
        Assert.Equal(HttpStatusCode.NotFound, releasedAgain.StatusCode);
        Assert.Empty(active["data"]!.AsArray());
        Assert.Single(all["data"]!.AsArray());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var update = (await client.ReadAuditEventsAsync()).Single(e => (string)e["action"]! == "LEGAL_HOLD_UPDATED");
        Assert.Equal("Falcon", (string)update["action_data"]!["previous_filter"]!["text"]!);
    }

    [Fact]
    public async Task RetentionStatus_ShowsTheWorkspacesPolicyItsSourceCutoffsAndHolds_AndIsAudited()
    {
        var retained = server.Client(await server.IssueKeyAsync(ComplianceServerFixture.RetainedWorkspace, ApiKeyScope.ComplianceRead | ApiKeyScope.ComplianceAdmin));
        var other = await server.NewWorkspaceAsync(ApiKeyScope.ComplianceRead);
        using var otherClient = other.Client();
        using var ingestOnly = server.Client(await server.IssueKeyAsync(other.Id, ApiKeyScope.Ingest));
        var hold = await (await retained.PostJsonAsync("/api/v1/compliance/legal-holds", JsonNode.Parse("""{"name": "Matter 12"}""")!))
            .EnsureSuccessStatusCode().ReadJsonAsync();
        var before = DateTimeOffset.UtcNow;

        var status = await (await retained.GetAsync("/api/v1/compliance/retention")).EnsureSuccessStatusCode().ReadJsonAsync();
        var none = await (await otherClient.GetAsync("/api/v1/compliance/retention")).EnsureSuccessStatusCode().ReadJsonAsync();
        var forbidden = await ingestOnly.GetAsync("/api/v1/compliance/retention");
        var audit = (await retained.ReadAuditEventsAsync()).Where(e => (string)e["action"]! == "READ_RETENTION_POLICY").ToList();

        Assert.Equal(ComplianceServerFixture.RetainedWorkspace, (string)status["workspace_id"]!);
        Assert.Equal(("30.00:00:00", 30, "workspace"), ((string)status["content"]!["retention"]!, (int)status["content"]!["days"]!, (string)status["content"]!["source"]!));
        Assert.Equal(("400.00:00:00", 400, "workspace"), ((string)status["metadata"]!["retention"]!, (int)status["metadata"]!["days"]!, (string)status["metadata"]!["source"]!));
        var cutoff = (DateTimeOffset)status["content"]!["cutoff"]!;
        Assert.InRange(cutoff, before.AddDays(-30).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(-30).AddMinutes(1));
        Assert.Equal(1, (int)status["active_legal_holds"]!);
        Assert.Equal(0, (long)status["purged_through_seq"]!);
        Assert.True((bool)status["purge_enabled_on_this_instance"]!);
        // a workspace without retention of its own, on a server without a global one, keeps everything
        Assert.Equal(other.Id, (string)none["workspace_id"]!);
        Assert.Equal((true, true, false), ((bool)none["content"]!["kept_forever"]!, (bool)none["metadata"]!["kept_forever"]!, (bool)status["content"]!["kept_forever"]!));
        Assert.Null(none["content"]!["retention"]);
        Assert.Null(none["content"]!["cutoff"]);
        Assert.Null(none["metadata"]!["source"]);
        Assert.Equal(0, (int)none["active_legal_holds"]!);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var read = Assert.Single(audit);
        Assert.Equal(("30.00:00:00", 1), ((string)read["action_data"]!["content_retention"]!, (int)read["action_data"]!["active_legal_holds"]!));
        await retained.PostAsync($"/api/v1/compliance/legal-holds/{hold["id"]}/release", null);
        retained.Dispose();
    }

    [Fact]
    public void RetentionOptions_MetadataShorterThanContent_FailsNamingTheKeys()
    {
        var result = new RetentionOptionsValidator().Validate(null, new RetentionOptions
        {
            Content = TimeSpan.FromDays(90),
            Metadata = TimeSpan.FromDays(30),
            Workspaces = { ["acme"] = new RetentionWorkspaceOptions { Content = TimeSpan.Zero } },
        });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Retention:Metadata (30.00:00:00) must be at least Retention:Content", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Retention:Workspaces:acme:Content must be positive", StringComparison.Ordinal));
    }

    private static EventBuilder Prompt(string user, DateTimeOffset at, int n) =>
        EventBuilder.Prompt().User($"{user}@example.com").Prompt($"prompt {n}").At(at.AddMinutes(n));

    private RetentionPurgeJob JobFor(string workspaceId, TimeProvider clock)
    {
        var services = server.Services;
        var options = new RetentionOptions
        {
            Workspaces = { [workspaceId] = new RetentionWorkspaceOptions { Content = TimeSpan.FromDays(30), Metadata = TimeSpan.FromDays(120) } },
        };
        return new RetentionPurgeJob(
            services.GetRequiredService<IJobLease>(), services.GetRequiredService<IWorkspaceStore>(), services.GetRequiredService<IRetentionStore>(),
            new ComplianceAuditor(services.GetRequiredService<IAuditLog>(), clock, NullLogger<ComplianceAuditor>.Instance),
            Options.Create(options), clock, NullLogger<RetentionPurgeJob>.Instance);
    }
}
