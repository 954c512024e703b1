using AgentLedger.Core.Records;
using Npgsql;
using NpgsqlTypes;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>The record columns plus the two hash columns the writer fills (ADR 0005).</summary>
internal static partial class PostgreSqlRecordColumns
{
    public static string InsertChainedSql => ChainedSql.Insert;

    public static string CopyChainedSql => ChainedSql.Copy;

    /// <summary>One INSERT of <paramref name="record"/> with its hashes.</summary>
    public static NpgsqlBatchCommand InsertCommand(ActivityRecord record, RecordHashes hashes)
    {
        var command = new NpgsqlBatchCommand(InsertChainedSql);
        foreach (var column in All)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = column.Type, Value = column.Get(record) ?? DBNull.Value });
        }

        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = hashes.Content });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = hashes.Chain });
        return command;
    }

    public static async Task WriteRowAsync(NpgsqlBinaryImporter importer, ActivityRecord record, RecordHashes hashes, CancellationToken cancellationToken)
    {
        await WriteRowAsync(importer, record, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(hashes.Content, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(hashes.Chain, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// The statements with hash columns, in a class of their own: static fields of partial declarations initialise in no
/// defined order, and these need <see cref="PostgreSqlRecordColumns"/>' column list to exist first.
/// </summary>
file static class ChainedSql
{
    private static readonly string List = PostgreSqlRecordColumns.SelectList + ", content_sha256, chain_sha256";

    public static readonly string Insert =
        $"INSERT INTO records ({List}) VALUES ({string.Join(", ", Enumerable.Range(1, List.Split(',').Length).Select(i => "$" + i))})";

    public static readonly string Copy = $"COPY records ({List}) FROM STDIN (FORMAT BINARY)";
}

/// <summary>A record's content hash and chain hash.</summary>
internal readonly record struct RecordHashes(byte[] Content, byte[] Chain);
