using System.Security.Cryptography;
using System.Text;
using AgentLedger.Core.Dlp;
using AgentLedger.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Tests.Ingestion.Dlp;

/// <summary>The key of finding hashes: generated once and kept in the database, or configured as Dlp:HashKey.</summary>
public sealed class DlpHashKeyTests
{
    private const string Value = "AKIAIOSFODNN7EXAMPLE";

    [Fact]
    public async Task StartAsync_NoConfiguredKey_GeneratesOneThatSurvivesRestartsAndAConfiguredKeyWins()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("agentledger-dlp-key-").FullName;
        var database = Path.Combine(folder, "a.db");
        var other = Path.Combine(folder, "b.db");
        try
        {
            var first = await HashWithAsync(database, null, ct);
            var afterRestart = await HashWithAsync(database, null, ct);
            var otherDatabase = await HashWithAsync(other, null, ct);
            const string configured = "configured-dlp-hash-key-of-32-characters-or-more";
            var withKey = await HashWithAsync(database, configured, ct);

            Assert.Equal(first, afterRestart);
            Assert.NotEqual(first, otherDatabase);
            Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Value))), first);
            Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(configured), Encoding.UTF8.GetBytes(Value))), withKey);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_ShortConfiguredKey_FailsNamingTheKeyWithoutEchoingIt()
    {
        var folder = Directory.CreateTempSubdirectory("agentledger-dlp-key-").FullName;
        try
        {
            await using var app = AgentLedgerApp.Build(
                ["--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0", $"--Storage:Sqlite:Path={Path.Combine(folder, "a.db")}", "--Dlp:HashKey=hunter2"]);

            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

            Assert.Contains("Dlp:HashKey is 7 characters; it must be at least 32", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> HashWithAsync(string database, string? key, CancellationToken ct)
    {
        string[] args = ["--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0", $"--Storage:Sqlite:Path={database}"];
        await using var app = AgentLedgerApp.Build(key is null ? args : [.. args, $"--Dlp:HashKey={key}"]);
        await app.StartAsync(ct);
        var hasher = await app.Services.GetRequiredService<DlpHasherSource>().GetAsync(ct);
        await app.StopAsync(ct);
        return hasher.Hash(Value);
    }
}
