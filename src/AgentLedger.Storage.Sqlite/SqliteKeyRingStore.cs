using AgentLedger.Core.Secrets;
using Dapper;

namespace AgentLedger.Storage.Sqlite;

/// <summary>The Data Protection key ring in table data_protection_keys.</summary>
public sealed class SqliteKeyRingStore(SqliteDatabase database) : IKeyRingStore
{
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT xml FROM data_protection_keys ORDER BY created_at, friendly_name", cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
    }

    public async Task StoreAsync(string friendlyName, string xml, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@friendlyName, @xml, @at) ON CONFLICT (friendly_name) DO NOTHING",
            new { friendlyName, xml, at = SqliteTime.ToMicros(at) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
