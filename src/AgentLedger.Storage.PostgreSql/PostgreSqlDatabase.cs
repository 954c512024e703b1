using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// The connection pool of one PostgreSQL database. Every AgentLedger instance has one; several instances may share
/// the database, which is why nothing here relies on being the only writer.
/// </summary>
public sealed class PostgreSqlDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgreSqlDatabase(IOptions<PostgreSqlStorageOptions> options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
        DatabaseName = builder.Database ?? builder.Username ?? "postgres";
        Host = builder.Host ?? "localhost";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>The database name, for logs (never the connection string, which holds the password).</summary>
    public string DatabaseName { get; }

    public string Host { get; }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
