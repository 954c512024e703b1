using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Compliance;

/// <summary>eDiscovery exports: asynchronous jobs whose packages verify with <c>sha256sum -c</c>.</summary>
public sealed class ExportTests(ComplianceServerFixture server) : IClassFixture<ComplianceServerFixture>
{
    [Fact]
    public async Task Export_FilterByUserAndSearch_PackageHoldsExactlyTheMatchesAndVerifiesWithSha256sum()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceAdmin);
        using var client = ws.Client();
        var expected = new List<string>();
        for (var batch = 0; batch < 6; batch++)
        {
            var events = Enumerable.Range(0, 50).Select(i =>
            {
                var user = i % 3 == 0 ? "legal-target@example.com" : $"other{i % 5}@example.com";
                var text = i % 2 == 0 ? $"Project Falcon budget {batch}/{i}, \"draft\"" : $"unrelated {batch}/{i}";
                return EventBuilder.Prompt().User(user).Prompt(text).At(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero).AddMinutes((batch * 50) + i));
            }).ToArray();
            expected.AddRange(events.Where((_, i) => i % 3 == 0 && i % 2 == 0).Select(e => e.EventId));
            await (await client.PostEventsAsync(EventBuilder.Batch(events))).EnsureSuccessStatusCode().ReadJsonAsync();
        }

        var created = await client.PostJsonAsync("/api/v1/compliance/exports", JsonNode.Parse("""
            {"filter": {"user_emails": ["Legal-Target@example.com"], "text": "project falcon"}, "justification": "Matter 2026-17"}
            """)!);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var job = await created.ReadJsonAsync();
        Assert.Equal("queued", (string)job["status"]!);
        Assert.Equal($"/api/v1/compliance/exports/{job["id"]}", created.Headers.Location!.OriginalString);
        var done = await client.WaitForExportAsync((string)job["id"]!);
        Assert.Equal("completed", (string)done["status"]!);
        Assert.Equal(expected.Count, (long)done["record_count"]!);

        var folder = Directory.CreateTempSubdirectory("agentledger-export-").FullName;
        try
        {
            var tar = await (await client.GetAsync((string)done["download_url"]!)).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
            await File.WriteAllBytesAsync(Path.Combine(folder, "package.tar"), tar);
            Assert.Equal(0, (await ExternalTool.RunAsync(folder, "tar", "-xf", "package.tar")).ExitCode);
            var package = Path.Combine(folder, $"export-{job["id"]}");

            var (exitCode, output) = await ExternalTool.RunAsync(package, "sha256sum", "-c", "SHA256SUMS");

            Assert.True(exitCode == 0, output);
            Assert.Equal(["index.csv: OK", "manifest.json: OK", "records.ndjson: OK"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
            var lines = (await File.ReadAllTextAsync(Path.Combine(package, "records.ndjson"))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(expected, lines.Select(l => (string)JsonNode.Parse(l)!["event_id"]!));
            var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(package, "manifest.json")))!;
            Assert.Equal(expected.Count, (long)manifest["counts"]!["records"]!);
            Assert.Equal(expected.Count, (long)manifest["counts"]!["by_kind"]!["user.prompt"]!);
            Assert.Equal("""{"user_emails":["legal-target@example.com"],"text":"project falcon"}""", manifest["filter"]!.ToJsonString());
            Assert.Equal(ComplianceHttp.KeyIdOf(ws.Key), (string)manifest["requested_by"]!["id"]!);
            Assert.Equal("Matter 2026-17", (string)manifest["justification"]!);
            foreach (var file in manifest["files"]!.AsArray())
            {
                var bytes = await File.ReadAllBytesAsync(Path.Combine(package, (string)file!["name"]!));
                Assert.Equal((string)file["sha256"]!, Convert.ToHexStringLower(SHA256.HashData(bytes)));
                Assert.Equal((long)file["bytes"]!, bytes.Length);
            }

            var index = CsvReader.Parse(await File.ReadAllTextAsync(Path.Combine(package, "index.csv")));
            Assert.Equal(expected.Count + 1, index.Count);
            var shaColumn = Array.IndexOf(index[0], "record_sha256");
            Assert.Equal(lines.Select(l => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(l)))), index.Skip(1).Select(r => r[shaColumn]));

            // and the check can fail: one changed byte is named
            var recordsPath = Path.Combine(package, "records.ndjson");
            var tampered = await File.ReadAllBytesAsync(recordsPath);
            tampered[10] ^= 0x01;
            await File.WriteAllBytesAsync(recordsPath, tampered);
            var (badExit, badOutput) = await ExternalTool.RunAsync(package, "sha256sum", "-c", "SHA256SUMS");
            Assert.NotEqual(0, badExit);
            Assert.Contains("records.ndjson: FAILED", badOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Export_FilesEndpoint_ServesEachFileOfThePackage()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceAdmin);
        using var client = ws.Client();
        await (await client.PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt(), EventBuilder.Response()))).EnsureSuccessStatusCode().ReadJsonAsync();
        var job = await (await client.PostJsonAsync("/api/v1/compliance/exports", new JsonObject())).ReadJsonAsync();
        var done = await client.WaitForExportAsync((string)job["id"]!);

        foreach (var file in done["files"]!.AsArray())
        {
            var bytes = await (await client.GetAsync((string)file!["url"]!)).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
            Assert.Equal((string)file["sha256"]!, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        Assert.Equal(["records.ndjson", "index.csv", "manifest.json", "SHA256SUMS"], done["files"]!.AsArray().Select(f => (string)f!["name"]!));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/compliance/exports/{job["id"]}/files/..%2Fagentledger.db")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/compliance/exports/0123456789abcdef0123456789abcdef")).StatusCode);
    }

    [Fact]
    public async Task Export_BadFilter_Answers400NamingTheField()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.ComplianceAdmin);

        var response = await ws.Client().PostJsonAsync("/api/v1/compliance/exports", JsonNode.Parse("""{"filter": {"agents": ["hal9000"]}}""")!);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("filter.agents", (string)(await response.ReadProblemAsync())["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_WithComplianceReadOnly_Answers403AndAnotherWorkspacesExportIs404()
    {
        var reader = await server.NewWorkspaceAsync(ApiKeyScope.ComplianceRead);
        var admin = await server.NewWorkspaceAsync(ApiKeyScope.ComplianceAdmin);
        var other = await server.NewWorkspaceAsync(ApiKeyScope.ComplianceAdmin);
        var job = await (await admin.Client().PostJsonAsync("/api/v1/compliance/exports", new JsonObject())).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await reader.Client().PostJsonAsync("/api/v1/compliance/exports", new JsonObject())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.Client().GetAsync($"/api/v1/compliance/exports/{job["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client().GetAsync($"/api/v1/compliance/exports/{job["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client().GetAsync($"/api/v1/compliance/exports/{job["id"]}/download")).StatusCode);
    }
}
