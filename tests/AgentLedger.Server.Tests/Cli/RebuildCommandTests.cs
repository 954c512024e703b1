using Microsoft.Data.Sqlite;

namespace AgentLedger.Server.Tests.Cli;

/// <summary><c>agentledger rebuild</c> through the real executable, on a store an older build created with 4 KiB pages.</summary>
public sealed class RebuildCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentledger-rebuild-").FullName;

    private string DatabasePath => Path.Combine(_folder, "rebuild.db");

    private string DatabaseArg => $"--Storage:Sqlite:Path={DatabasePath}";

    [Fact]
    public async Task Rebuild_WhileServing_Refuses_ThenStopped_Gets16KiBPagesAndTheChainVerifies()
    {
        await using (var file = new SqliteConnection($"Data Source={DatabasePath};Pooling=false"))
        {
            await file.OpenAsync(TestContext.Current.CancellationToken);
            await using var pragma = file.CreateCommand();
            pragma.CommandText = "PRAGMA page_size=4096; PRAGMA journal_mode=WAL; CREATE TABLE created_by_an_older_build (x INTEGER);";
            await pragma.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var created = await RunAsync("keys", "create", "--workspace", "acme", "--scope", "ingest", DatabaseArg);
        var token = created.Output.Trim().Split('\n')[^1].Trim();
        (int ExitCode, string Output, string Error) whileServing = default;
        await AgentLedgerCli.ServeAndIngestAsync(DatabaseArg, token, prompts: 12, async () => whileServing = await RunAsync("rebuild", DatabaseArg));

        SqliteConnection.ClearAllPools();
        var rebuilt = await RunAsync("rebuild", DatabaseArg);
        var verified = await RunAsync("verify", DatabaseArg);
        var again = await RunAsync("rebuild", DatabaseArg);

        Assert.Equal(1, whileServing.ExitCode);
        Assert.Contains("is in use: stop the AgentLedger server", whileServing.Error, StringComparison.Ordinal);
        Assert.Equal(0, rebuilt.ExitCode);
        Assert.Contains("Rebuilt: pages of 4,096 → 16,384 bytes", rebuilt.Output, StringComparison.Ordinal);
        Assert.Equal(0, verified.ExitCode);
        Assert.Contains("acme: valid — 12 records to seq 12", verified.Output, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Nothing to do", again.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => AgentLedgerCli.RunAsync(_folder, args);
}
