using AgentLedger.Storage.Sqlite;

namespace AgentLedger.Server.Storage;

internal sealed class SqliteStorageMigrator(SqliteMigrator migrator, SqliteDatabase database) : IStorageMigrator
{
    public string Describe() => "SQLite " + database.FilePath;

    public Task<int> MigrateAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task<IReadOnlyList<int>> PendingAsync(CancellationToken cancellationToken) => migrator.PendingAsync(cancellationToken);
}
