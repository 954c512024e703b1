using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AgentLedger.Core.Dlp;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Admin;
using AgentLedger.Server.Hosting;
using AgentLedger.Server.Tests.Ingestion.Otlp;
using AgentLedger.Server.Tests.Testing;
using AgentLedger.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AgentLedger.Server.Tests.Ingestion.Dlp;

/// <summary>
/// Redact mode on PostgreSQL: secrets sent through the native event API (in text and in attributes) and OTLP/HTTP are
/// absent from every row of every table of the database, read as text (bytea columns also compared in hex), while
/// the flagged e-mail and the findings' keyed hashes are there, which shows the scan sees stored data.
/// </summary>
public sealed class PostgreSqlDlpRedactTests(PostgreSqlServer postgres)
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    [Fact]
    public async Task Ingest_RedactedSecrets_AreInNoRowOfAnyTable()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync(ct);
        try
        {
            await using var app = AgentLedgerApp.Build(
            [
                "--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0", "--Storage:Provider=PostgreSql",
                $"--Storage:PostgreSql:ConnectionString={connectionString}", "--Storage:MigrateOnStart=true",
            ]);
            await app.StartAsync(ct);
            var issued = await app.Services.GetRequiredService<ApiKeyIssuer>().IssueAsync("acme", "dlp", ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead, ct);
            using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);

            var githubToken = "ghp_" + RandomNumberGenerator.GetString(Base62, 36);
            var attributeToken = "xoxb-" + RandomNumberGenerator.GetString("0123456789", 12) + "-" + RandomNumberGenerator.GetString("0123456789", 12)
                                 + "-" + RandomNumberGenerator.GetString(Base62, 24);
            var awsKey = "AKIA" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
            var email = $"dlp.{Guid.NewGuid():N}@example.org";
            var native = EventBuilder.Prompt().Session("dlp-pg").Prompt($"토큰{githubToken} 메일 {email}")
                .Set("attributes", new JsonObject { ["slack"] = attributeToken });
            (await client.PostEventsAsync(EventBuilder.Batch(native))).EnsureSuccessStatusCode();
            var otlp = File.ReadAllText(OtlpCaptures.PathOf("codex/run1-json-echo/logs-0001.json"))
                .Replace("Run `echo hello` in the shell", $"Use AWS key {awsKey} in the shell", StringComparison.Ordinal);
            (await client.PostRawAsync("/v1/logs", otlp, "application/json")).EnsureSuccessStatusCode();

            var records = await client.ReadAllRecordsAsync("acme");
            Assert.Contains(records, r => ((string?)r["prompt_text"])?.Contains("[REDACTED:github-token]", StringComparison.Ordinal) == true);
            Assert.Contains(records, r => (string?)r["attributes"]?["slack"] == "[REDACTED:slack-token]");
            Assert.Contains(records, r => ((string?)r["prompt_text"])?.StartsWith("Use AWS key [REDACTED:aws-access-key-id]", StringComparison.Ordinal) == true);
            var hasher = await app.Services.GetRequiredService<DlpHasherSource>().GetAsync(ct);

            var tables = await TablesAsync(connectionString, ct);
            Assert.Contains("records", tables);
            Assert.Contains("dlp_findings", tables);
            foreach (var secret in new[] { githubToken, attributeToken, awsKey })
            {
                Assert.Empty(await TablesContainingAsync(connectionString, tables, secret, ct));
            }

            Assert.Contains("records", await TablesContainingAsync(connectionString, tables, email, ct));
            Assert.Contains("dlp_findings", await TablesContainingAsync(connectionString, tables, hasher.Hash(githubToken), ct));
            Assert.Contains("dlp_findings", await TablesContainingAsync(connectionString, tables, hasher.Hash(attributeToken), ct));
            await app.StopAsync(ct);
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }

    /// <summary>Every table of the schema, partitions included (their rows are also scanned through the parent).</summary>
    private static async Task<List<string>> TablesAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1",
            connection);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    /// <summary>The tables with a row whose text form holds <paramref name="needle"/>, as text or as hex (bytea).</summary>
    private static async Task<List<string>> TablesContainingAsync(string connectionString, List<string> tables, string needle, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var found = new List<string>();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT EXISTS (SELECT 1 FROM public.\"{table}\" AS t WHERE strpos(t::text, $1) > 0 OR strpos(t::text, encode(convert_to($1, 'UTF8'), 'hex')) > 0)",
                connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = needle });
            if ((bool)(await command.ExecuteScalarAsync(ct))!)
            {
                found.Add(table);
            }
        }

        return found;
    }
}
