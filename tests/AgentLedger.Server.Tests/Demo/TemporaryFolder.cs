using Microsoft.Data.Sqlite;

namespace AgentLedger.Server.Tests.Demo;

/// <summary>A folder of its own for one test's database files, deleted afterwards.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "agentledger-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        // Pooled connections keep the database open; release them before deleting the files.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
