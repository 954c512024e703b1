using AgentLedger.Storage.PostgreSql;

namespace AgentLedger.Server.Storage;

internal sealed class PostgreSqlStorageMigrator(PostgreSqlMigrator migrator, PostgreSqlDatabase database) : IStorageMigrator
{
    public string Describe() => $"PostgreSQL database '{database.DatabaseName}' on {database.Host}";

    public Task<int> MigrateAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task<IReadOnlyList<int>> PendingAsync(CancellationToken cancellationToken) => migrator.PendingAsync(cancellationToken);
}
