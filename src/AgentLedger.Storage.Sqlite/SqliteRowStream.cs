using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AgentLedger.Storage.Sqlite;

/// <summary>
/// Steps one statement through SQLitePCLRaw directly, for the analytics reads that return thousands of rows per page.
/// A column read here is one native call, where <see cref="SqliteDataReader"/> adds a type check (a second native call)
/// and per-value bookkeeping; text columns come back as UTF-8 bytes, so repeated values (a user's several rollup rows,
/// a handful of clients and models) become strings only when they change (<see cref="Utf8StringCache"/>). The SQL and
/// its parameters come from an ordinary <see cref="SqliteCommand"/>, so the query builders stay shared.
/// </summary>
internal sealed class SqliteRowStream : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly CancellationToken _cancellationToken;
    private int _rows;

    private SqliteRowStream(sqlite3 db, sqlite3_stmt statement, CancellationToken cancellationToken)
    {
        _db = db;
        _statement = statement;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Prepares <paramref name="command"/>'s SQL on <paramref name="connection"/> and binds its parameters by name.</summary>
    public static SqliteRowStream Open(SqliteConnection connection, SqliteCommand command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(db, raw.sqlite3_prepare_v2(db, command.CommandText, out var statement));
        try
        {
            foreach (SqliteParameter parameter in command.Parameters)
            {
                var index = raw.sqlite3_bind_parameter_index(statement, parameter.ParameterName);
                if (index == 0)
                {
                    throw new InvalidOperationException($"The SQL has no parameter {parameter.ParameterName}.");
                }

                Check(db, parameter.Value switch
                {
                    string text => raw.sqlite3_bind_text(statement, index, text),
                    long number => raw.sqlite3_bind_int64(statement, index, number),
                    int number => raw.sqlite3_bind_int64(statement, index, number),
                    null => raw.sqlite3_bind_null(statement, index),
                    var other => throw new NotSupportedException(
                        string.Create(CultureInfo.InvariantCulture, $"Parameter {parameter.ParameterName} has an unsupported type {other.GetType().Name}.")),
                });
            }

            return new SqliteRowStream(db, statement, cancellationToken);
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }

    /// <summary>Steps to the next row; false after the last one.</summary>
    public bool Read()
    {
        if ((++_rows & 255) == 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
        }

        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        Check(_db, rc);
        return false;
    }

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    /// <summary>The column's text as UTF-8 bytes, valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<byte> Utf8(int column) => raw.sqlite3_column_blob(_statement, column);

    public void Dispose() => _statement.Dispose();

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
        }
    }
}
