using Microsoft.Data.Sqlite;

namespace AgentLedger.Server.Tests.Cli;

/// <summary><c>agentledger verify</c> through the real executable, on a database the server wrote and nobody serves.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentledger-verify-").FullName;

    private string DatabasePath => Path.Combine(_folder, "verify.db");

    private string DatabaseArg => $"--Storage:Sqlite:Path={DatabasePath}";

    [Fact]
    public async Task Verify_UntouchedDatabase_ExitsZero_ThenDeletedAndSwappedRecords_ExitsOneNamingEach()
    {
        var created = await RunAsync("keys", "create", "--workspace", "acme", "--scope", "ingest", DatabaseArg);
        var token = created.Output.Trim().Split('\n')[^1].Trim();
        await AgentLedgerCli.ServeAndIngestAsync(DatabaseArg, token, prompts: 12);

        var valid = await RunAsync("verify", DatabaseArg);
        await ExecuteAsync("DELETE FROM records WHERE workspace_id = 'acme' AND seq = 3");
        await ExecuteAsync("UPDATE records SET seq = -1 WHERE workspace_id = 'acme' AND seq = 6");
        await ExecuteAsync("UPDATE records SET seq = 6 WHERE workspace_id = 'acme' AND seq = 10");
        await ExecuteAsync("UPDATE records SET seq = 10 WHERE workspace_id = 'acme' AND seq = -1");
        var invalid = await RunAsync("verify", "--workspace", "acme", DatabaseArg);
        var json = await RunAsync("verify", "--workspace", "acme", "--json", DatabaseArg);
        var unknown = await RunAsync("verify", "--workspace", "nobody", DatabaseArg);

        Assert.Equal(0, valid.ExitCode);
        Assert.Contains("acme: valid — 12 records to seq 12", valid.Output, StringComparison.Ordinal);
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("acme: invalid", invalid.Output, StringComparison.Ordinal);
        Assert.Contains("missing         seq 3 ", invalid.Output, StringComparison.Ordinal);
        Assert.Contains("reordered       seq 6-10", invalid.Output, StringComparison.Ordinal);
        Assert.Equal(2, invalid.Output.Trim().Split('\n').Length - 1);
        Assert.Contains("\"kind\": \"reordered\"", json.Output, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'nobody'", unknown.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=false");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => AgentLedgerCli.RunAsync(_folder, args);
}
