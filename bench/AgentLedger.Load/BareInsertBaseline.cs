using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AgentLedger.Load;

/// <summary>
/// The baseline measured in the same run: the rows the server stored, inserted again by a bare client into a copy of
/// the <c>records</c> table (same columns, same indexes, same engine and durability), one prepared INSERT per row,
/// <c>commitSize</c> rows per transaction. No HTTP, no decoding, no mapping, no DLP, no dedupe lookups, no users,
/// sessions, rollups or hash chain: what is left is the engine's own cost of storing those bytes.
/// </summary>
internal static class BareInsertBaseline
{
    public sealed record Result(long Rows, double Seconds, int CommitSize)
    {
        public double RowsPerSecond => Rows / Seconds;
    }

    public static async Task<Result> SqliteAsync(string runDatabase, string folder, int maxRows, int commitSize, CancellationToken cancellationToken)
    {
        var (columns, rows) = await ReadSqliteRowsAsync(runDatabase, maxRows, cancellationToken).ConfigureAwait(false);
        var path = Path.Combine(folder, "baseline.db");
        File.Delete(path);
        await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await target.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var pragma = target.CreateCommand())
        {
            // The server's own settings (SqliteDatabase): the run's page size (set before WAL, on the new file), WAL and a
            // durable commit.
            pragma.CommandText = $"PRAGMA page_size={await PageSizeAsync(runDatabase, cancellationToken).ConfigureAwait(false)}; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var source = new SqliteConnection($"Data Source={runDatabase};Mode=ReadOnly;Pooling=False"))
        {
            await source.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var schema = source.CreateCommand();
            schema.CommandText = "SELECT sql FROM sqlite_master WHERE tbl_name = 'records' AND sql IS NOT NULL ORDER BY type DESC";
            var statements = new List<string>();
            await using (var reader = await schema.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    statements.Add(reader.GetString(0));
                }
            }

            foreach (var statement in statements)
            {
                await using var create = target.CreateCommand();
                create.CommandText = statement;
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await using var insert = target.CreateCommand();
        insert.CommandText = $"INSERT INTO records ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        for (var c = 0; c < columns.Count; c++)
        {
            insert.Parameters.Add(new SqliteParameter { ParameterName = "$p" + c });
        }

        var clock = Stopwatch.StartNew();
        for (var start = 0; start < rows.Count; start += commitSize)
        {
            await using var transaction = (SqliteTransaction)await target.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            insert.Transaction = transaction;
            insert.Prepare();
            foreach (var row in rows.Skip(start).Take(commitSize))
            {
                for (var c = 0; c < row.Length; c++)
                {
                    insert.Parameters[c].Value = row[c];
                }

                insert.ExecuteNonQuery();
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return new Result(rows.Count, clock.Elapsed.TotalSeconds, commitSize);
    }

    public static async Task<Result> PostgreSqlAsync(string connectionString, int maxRows, int commitSize, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var create = new NpgsqlCommand("DROP TABLE IF EXISTS baseline_records; CREATE TABLE baseline_records (LIKE records INCLUDING ALL)", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var columns = new List<string>();
        var types = new List<string>();
        var rows = new List<object[]>();
        await using (var read = new NpgsqlCommand($"SELECT * FROM records ORDER BY seq LIMIT {maxRows}", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var c = 0; c < reader.FieldCount; c++)
            {
                columns.Add(reader.GetName(c));
                types.Add(reader.GetDataTypeName(c));
            }

            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new object[reader.FieldCount];
                reader.GetValues(row);
                rows.Add(row);
            }
        }

        var sql = $"INSERT INTO baseline_records ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$" + (i + 1)))})";
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < rows.Count; start += commitSize)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // Pipelined in batches of 500 statements, as a client that cares about round trips would send them.
            foreach (var chunk in rows.Skip(start).Take(commitSize).Chunk(500))
            {
                await using var batch = new NpgsqlBatch(connection, transaction);
                foreach (var row in chunk)
                {
                    var command = new NpgsqlBatchCommand(sql);
                    for (var c = 0; c < row.Length; c++)
                    {
                        command.Parameters.Add(new NpgsqlParameter { Value = row[c], DataTypeName = types[c] });
                    }

                    batch.BatchCommands.Add(command);
                }

                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var result = new Result(rows.Count, clock.Elapsed.TotalSeconds, commitSize);
        await using (var drop = new NpgsqlCommand("DROP TABLE baseline_records", connection))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private static async Task<long> PageSizeAsync(string path, CancellationToken cancellationToken)
    {
        await using var source = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var read = source.CreateCommand();
        read.CommandText = "PRAGMA page_size";
        return (long)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    internal static async Task<(List<string> Columns, List<object[]> Rows)> ReadSqliteRowsAsync(string path, int maxRows, CancellationToken cancellationToken)
    {
        await using var source = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var read = source.CreateCommand();
        read.CommandText = $"SELECT * FROM records ORDER BY seq LIMIT {maxRows}";
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<object[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return (columns, rows);
    }
}
