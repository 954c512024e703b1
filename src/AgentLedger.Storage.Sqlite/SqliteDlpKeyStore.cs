using AgentLedger.Core.Dlp;
using Dapper;

namespace AgentLedger.Storage.Sqlite;

/// <summary>Keeps the generated DLP hash key in the database (table dlp_keys), created once.</summary>
public sealed class SqliteDlpKeyStore(SqliteDatabase database, TimeProvider time) : IDlpKeyStore
{
    private const string HashKeyName = "dlp.hash_key";

    public async Task<byte[]> GetOrCreateHashKeyAsync(byte[] candidate, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO dlp_keys (key_name, key_bytes, created_at) VALUES (@name, @key, @at) ON CONFLICT (key_name) DO NOTHING",
            new { name = HashKeyName, key = candidate, at = SqliteTime.ToMicros(time.GetUtcNow()) }, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<byte[]>(new CommandDefinition(
            "SELECT key_bytes FROM dlp_keys WHERE key_name = @name", new { name = HashKeyName }, cancellationToken: cancellationToken))
            .ConfigureAwait(false) ?? throw new InvalidOperationException("The DLP hash key could not be stored.");
    }
}
