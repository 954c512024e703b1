using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AgentLedger.Storage.Sqlite;

/// <summary>
/// A statement of the ingest writer's hot path, prepared once per group commit on the writer's connection and bound by
/// position. <see cref="SqliteCommand"/> looks every parameter up by name on every execution
/// (<c>sqlite3_bind_parameter_index</c>, a linear scan: ~900 string compares per row of the 43-column record insert) and
/// converts every string to a new UTF-8 array; this binds by index and encodes strings into one reused buffer, or takes
/// UTF-8 that the caller already has (the attributes JSON). The values SQLite receives are the same — text as UTF-8
/// (what <c>raw.sqlite3_bind_text(string)</c> produces with <see cref="Encoding.UTF8"/>), integers as int64, NULL — so
/// the stored bytes are too. Runs inside the connection's open transaction, like any statement of the connection.
/// </summary>
internal sealed class SqliteRawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private readonly int _parameterCount;
    private byte[] _utf8 = new byte[256];

    public SqliteRawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _stmt);
        SqliteException.ThrowExceptionForRC(rc, _db);
        _parameterCount = raw.sqlite3_bind_parameter_count(_stmt);
    }

    public int ParameterCount => _parameterCount;

    /// <summary>Binds the 0-based parameter <paramref name="index"/> (SQLite counts from 1).</summary>
    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_stmt, index + 1));
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(max, _utf8.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(value, _utf8);
        // SQLitePCL binds spans with SQLITE_TRANSIENT: SQLite copies the bytes, so the buffer is free to reuse at once.
        Check(raw.sqlite3_bind_text(_stmt, index + 1, _utf8.AsSpan(0, length)));
    }

    /// <summary>Binds text given as UTF-8 bytes.</summary>
    public void BindUtf8(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_stmt, index + 1, utf8));

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_stmt, index + 1, value));

    public void Bind(int index, long? value)
    {
        if (value is { } v)
        {
            Bind(index, v);
        }
        else
        {
            BindNull(index);
        }
    }

    public void Bind(int index, byte[] value) => Check(raw.sqlite3_bind_blob(_stmt, index + 1, value));

    public void BindNull(int index) => Check(raw.sqlite3_bind_null(_stmt, index + 1));

    /// <summary>Runs a statement that returns no rows; the number of rows it changed.</summary>
    public int Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(_stmt);
            if (rc is not (raw.SQLITE_DONE or raw.SQLITE_ROW))
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_stmt);
        }
    }

    /// <summary>Whether the query returns a row.</summary>
    public bool Exists()
    {
        try
        {
            var rc = raw.sqlite3_step(_stmt);
            if (rc is not (raw.SQLITE_DONE or raw.SQLITE_ROW))
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            return rc == raw.SQLITE_ROW;
        }
        finally
        {
            raw.sqlite3_reset(_stmt);
        }
    }

    /// <summary>The first column of the first row as text; null when there is no row or the value is NULL.</summary>
    public string? ScalarText()
    {
        try
        {
            var rc = raw.sqlite3_step(_stmt);
            if (rc == raw.SQLITE_ROW)
            {
                return raw.sqlite3_column_type(_stmt, 0) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(_stmt, 0).utf8_to_string();
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            return null;
        }
        finally
        {
            raw.sqlite3_reset(_stmt);
        }
    }

    public void Dispose() => _stmt.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
