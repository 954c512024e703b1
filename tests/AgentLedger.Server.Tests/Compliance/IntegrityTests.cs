using System.Net;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.Testing;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Server.Tests.Compliance;

/// <summary><c>GET /api/v1/compliance/verify</c>: the hash chain over HTTP, against the real server and database.</summary>
public sealed class IntegrityTests(ComplianceServerFixture server) : IClassFixture<ComplianceServerFixture>
{
    [Fact]
    public async Task Verify_UntouchedThenOneRecordChangedInTheDatabase_ValidThenNamesTheRecord_BothAudited()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceAdmin | ApiKeyScope.ComplianceRead);
        using var client = ws.Client();
        var events = Enumerable.Range(0, 30).Select(i => EventBuilder.Prompt().User($"dev{i % 4}@example.com").Prompt($"change {i}")).ToArray();
        await (await client.PostEventsAsync(EventBuilder.Batch(events))).EnsureSuccessStatusCode().ReadJsonAsync();
        await server.SealNowAsync();

        var valid = await (await client.GetAsync("/api/v1/compliance/verify")).EnsureSuccessStatusCode().ReadJsonAsync();
        await using (var connection = new SqliteConnection($"Data Source={server.DatabasePath};Pooling=false"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE records SET prompt_text = 'changed 6' WHERE workspace_id = $ws AND seq = 7";
            command.Parameters.AddWithValue("$ws", ws.Id);
            Assert.Equal(1, await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        var invalid = await (await client.GetAsync("/api/v1/compliance/verify")).EnsureSuccessStatusCode().ReadJsonAsync();
        var audit = await client.ReadAuditEventsAsync();

        Assert.Equal(("valid", 30L, 30L, 0), ((string)valid["status"]!, (long)valid["records_checked"]!, (long)valid["last_seq"]!, valid["problems"]!.AsArray().Count));
        Assert.True((int)valid["anchors_checked"]! >= 2, valid.Pretty());
        Assert.Equal("invalid", (string)invalid["status"]!);
        var problem = Assert.Single(invalid["problems"]!.AsArray())!;
        Assert.Equal(("modified", 7L), ((string)problem["kind"]!, (long)problem["seq"]!));
        var verifications = audit.Where(e => (string)e["action"]! == "VERIFY_RECORD_CHAIN").ToList();
        Assert.Equal([true, false], verifications.Select(e => (bool)e["action_data"]!["valid"]!));
        Assert.All(verifications, e => Assert.Equal("compliance.admin", (string)e["action_privilege"]!));
    }

    [Fact]
    public async Task Verify_WithComplianceReadOnly_Forbidden()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        using var client = ws.Client();

        var response = await client.GetAsync("/api/v1/compliance/verify");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
