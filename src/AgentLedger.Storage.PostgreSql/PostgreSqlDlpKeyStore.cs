using AgentLedger.Core.Dlp;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// Keeps the generated DLP hash key in the database (table dlp_keys), created once: instances that start together
/// race on the insert, and every one of them reads back the row that won.
/// </summary>
public sealed class PostgreSqlDlpKeyStore(PostgreSqlDatabase database, TimeProvider time) : IDlpKeyStore
{
    private const string HashKeyName = "dlp.hash_key";

    public async Task<byte[]> GetOrCreateHashKeyAsync(byte[] candidate, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO dlp_keys (key_name, key_bytes, created_at) VALUES ($1, $2, $3) ON CONFLICT (key_name) DO NOTHING", connection))
        {
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = HashKeyName });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = candidate });
            insert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = time.GetUtcNow().UtcDateTime });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var select = new NpgsqlCommand("SELECT key_bytes FROM dlp_keys WHERE key_name = $1", connection);
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = HashKeyName });
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[]
               ?? throw new InvalidOperationException("The DLP hash key could not be stored.");
    }
}
