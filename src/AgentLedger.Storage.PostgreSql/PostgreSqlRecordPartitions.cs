using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// The monthly range partitions of <c>records</c> (<c>records_pYYYYMM</c>, on <c>occurred_at</c> in UTC). They are
/// created ahead of the current month and on demand for late or odd timestamps, each in a short transaction of its
/// own before the write transaction (creating a partition locks the parent table), under an advisory lock so that
/// instances do not race. Retention drops whole months.
/// </summary>
public sealed partial class PostgreSqlRecordPartitions(
    PostgreSqlDatabase database,
    IOptions<PostgreSqlStorageOptions> options,
    TimeProvider time,
    ILogger<PostgreSqlRecordPartitions> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Copy-on-write: replaced whole under the gate, read without it on the hot path.
    private volatile HashSet<int>? _known;

    /// <summary>Makes sure the months of <paramref name="times"/> and the months ahead of now have partitions.</summary>
    public async Task EnsureAsync(IEnumerable<DateTimeOffset> times, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var wanted = new HashSet<int>(times.Select(MonthOf));
        for (var ahead = 0; ahead <= options.Value.PartitionMonthsAhead; ahead++)
        {
            wanted.Add(MonthOf(now.AddMonths(ahead)));
        }

        if (_known is { } known && wanted.IsSubsetOf(known))
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            var current = _known ?? await LoadAsync(connection, cancellationToken).ConfigureAwait(false);
            _known = current;
            var missing = wanted.Where(m => !current.Contains(m)).Order().ToList();
            if (missing.Count == 0)
            {
                return;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await LockAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            foreach (var month in missing)
            {
                var (from, to) = Bounds(month);
                // Bounds are formatted from integers, never from input: nothing here can inject.
                var sql = $"""
                    CREATE TABLE IF NOT EXISTS {NameOf(month)} PARTITION OF records
                    FOR VALUES FROM ('{from:yyyy-MM-dd} 00:00:00+00') TO ('{to:yyyy-MM-dd} 00:00:00+00')
                    """;
                await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _known = [.. current, .. missing];
            LogCreated(logger, missing.Count, missing[0], missing[^1]);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets what it knows, so the next write asks the database (after a failed write, or a drop elsewhere).</summary>
    public void Invalidate() => _known = null;

    /// <summary>Names of the existing partitions, oldest first.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await LoadAsync(connection, cancellationToken).ConfigureAwait(false)).Order().Select(NameOf).ToList();
    }

    /// <summary>
    /// Drops every monthly partition that ends at or before <paramref name="cutoff"/>: whole months of records go at
    /// once, without row-by-row deletes or vacuum. Returns the names dropped. Rollups and dedupe keys stay.
    /// </summary>
    public async Task<IReadOnlyList<string>> DropBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await LockAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var existing = await LoadAsync(connection, cancellationToken, transaction).ConfigureAwait(false);
            var dropped = existing.Where(m => Bounds(m).To <= cutoff.UtcDateTime).Order().Select(NameOf).ToList();
            foreach (var name in dropped)
            {
                await connection.ExecuteAsync(new CommandDefinition($"DROP TABLE {name}", transaction: transaction, cancellationToken: cancellationToken))
                    .ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _known = null;
            return dropped;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static int MonthOf(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return (utc.Year * 100) + utc.Month;
    }

    private static (DateTime From, DateTime To) Bounds(int month)
    {
        var from = new DateTime(month / 100, month % 100, 1, 0, 0, 0, DateTimeKind.Utc);
        return (from, from.AddMonths(1));
    }

    private static string NameOf(int month) => "records_p" + month.ToString("D6", CultureInfo.InvariantCulture);

    private static Task<int> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@key)", new { key = PostgreSqlLockKeys.Partitions }, transaction, cancellationToken: cancellationToken));

    private static async Task<HashSet<int>> LoadAsync(NpgsqlConnection connection, CancellationToken cancellationToken, NpgsqlTransaction? transaction = null)
    {
        var names = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT child.relname
            FROM pg_inherits
            JOIN pg_class child ON child.oid = pg_inherits.inhrelid
            WHERE pg_inherits.inhparent = 'records'::regclass
            """, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return names
            .Where(n => n.StartsWith("records_p", StringComparison.Ordinal))
            .Select(n => int.Parse(n["records_p".Length..], CultureInfo.InvariantCulture))
            .ToHashSet();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {Count} monthly record partitions, months {First} to {Last}")]
    private static partial void LogCreated(ILogger logger, int count, int first, int last);
}
