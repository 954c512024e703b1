using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Dlp;
using AgentLedger.Server.Tests.Ingestion.Otlp;
using AgentLedger.Server.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Ingestion.Dlp;

/// <summary>
/// Redact mode end to end: secrets sent through the native event API and through OTLP/HTTP never reach the SQLite
/// files (database and WAL, scanned byte for byte), while each finding is stored with the keyed hash of what it found; secrets in attribute strings too.
/// </summary>
public sealed class DlpIngestTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    [Fact]
    public async Task Ingest_SecretsOnNativeAndOtlpPathsAndInAttributes_NeverReachTheDatabaseFilesButTheirFindingsDo()
    {
        var ws = await server.NewWorkspaceAsync();
        var githubToken = "ghp_" + RandomNumberGenerator.GetString(Base62, 36);
        var awsKey = "AKIA" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
        var stripeKey = "sk_live_" + RandomNumberGenerator.GetString(Base62, 24);
        var email = $"dlp.{Guid.NewGuid():N}@example.org";

        var attributeToken = "ghp_" + RandomNumberGenerator.GetString(Base62, 36);
        var native = EventBuilder.Prompt().Session("dlp-native").Prompt($"배포 키{githubToken}를 쓰고 {email}로 알려줘")
            .Set("attributes", new JsonObject { ["shell"] = new JsonObject { ["env"] = $"GITHUB_TOKEN={attributeToken}" } });
        (await ws.Client().PostEventsAsync(EventBuilder.Batch(native))).EnsureSuccessStatusCode();
        var otlp = File.ReadAllText(OtlpCaptures.PathOf("codex/run1-json-echo/logs-0001.json"))
            .Replace("Run `echo hello` in the shell", $"Use AWS key {awsKey} in the shell", StringComparison.Ordinal)
            .Replace("\\\"echo hello\\\"", $"\\\"curl -u {stripeKey}: https://api.stripe.com\\\"", StringComparison.Ordinal);
        Assert.Contains(awsKey, otlp, StringComparison.Ordinal);
        Assert.Contains(stripeKey, otlp, StringComparison.Ordinal);
        (await ws.Client().PostRawAsync("/v1/logs", otlp, "application/json")).EnsureSuccessStatusCode();

        var hasher = await server.Services.GetRequiredService<DlpHasherSource>().GetAsync(TestContext.Current.CancellationToken);
        string Hash(string value) => hasher.Hash(value);
        var records = await ws.Client().ReadAllRecordsAsync(ws.Id);
        var prompt = records.Single(r => (string?)r["session_id"] == "dlp-native");
        Assert.Equal($"배포 키[REDACTED:github-token]를 쓰고 {email}로 알려줘", (string?)prompt["prompt_text"]);
        Assert.Equal([("github-token", "redact", Hash(githubToken)), ("email", "flag", Hash(email)), ("github-token", "redact", Hash(attributeToken))],
            FindingsOf(prompt));
        Assert.Equal("GITHUB_TOKEN=[REDACTED:github-token]", (string?)prompt["attributes"]!["shell"]!["env"]);
        Assert.Equal("attributes.shell.env", (string?)prompt["attributes"]!["dlp_findings"]![2]!["field"]);
        var otlpPrompt = records.Single(r => (string?)r["source"] == "otlp" && (string?)r["kind"] == "user.prompt");
        Assert.StartsWith("Use AWS key [REDACTED:aws-access-key-id] in the shell", (string?)otlpPrompt["prompt_text"], StringComparison.Ordinal);
        Assert.Equal([("aws-access-key-id", "redact", Hash(awsKey))], FindingsOf(otlpPrompt));
        var tool = records.Single(r => ((string?)r["tool_input"])?.Contains("api.stripe.com", StringComparison.Ordinal) == true);
        Assert.Contains("[REDACTED:stripe-live-key]", (string?)tool["tool_input"], StringComparison.Ordinal);
        Assert.Equal([("stripe-live-key", "redact", Hash(stripeKey))], FindingsOf(tool));

        var files = ReadDatabaseFiles();
        foreach (var secret in new[] { githubToken, awsKey, stripeKey, attributeToken })
        {
            Assert.False(Contains(files, secret), "a redacted secret reached the SQLite files");
        }

        // The scan can see stored text: the flagged e-mail and the secrets' hashes are there.
        Assert.True(Contains(files, email));
        Assert.True(Contains(files, Hash(githubToken)));
        Assert.True(Contains(files, Hash(awsKey)));
        // Only the keyed hash is stored: the plain SHA-256 of a secret, which anyone could compute, is not.
        Assert.False(Contains(files, Sha256(githubToken)));
    }

    private static List<(string Rule, string Action, string Sha256)> FindingsOf(JsonObject record) =>
        [.. record["attributes"]!["dlp_findings"]!.AsArray().Select(f => ((string)f!["rule"]!, (string)f["action"]!, (string)f["hmac_sha256"]!))];

    private static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private byte[] ReadDatabaseFiles()
    {
        using var all = new MemoryStream();
        foreach (var path in new[] { server.DatabasePath, server.DatabasePath + "-wal" })
        {
            if (File.Exists(path))
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                file.CopyTo(all);
            }
        }

        return all.ToArray();
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
