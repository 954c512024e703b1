using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Load;

/// <summary>
/// <c>schema-variants</c>: the rows a run stored (a database kept with <c>--keep-data</c>), inserted bare — as
/// <see cref="BareInsertBaseline"/> does — into several layouts of the <c>records</c> table in the same run, so that
/// each layout's ceiling is measured against today's under the same contention. Every variant gets a new file with the
/// server's durability (WAL, <c>synchronous=FULL</c>) and its writer's pragmas (64 MiB page cache, a checkpoint every
/// 16,000 pages), one prepared INSERT per row, <c>--commit</c> rows per transaction. The variants run in order and then
/// in reverse order, so that a drift in the machine's load falls on all of them alike.
/// Reported per variant: rows/s, CPU per row (this process: the engine runs in it), bytes written per row (wchar of
/// <c>/proc/self/io</c>: WAL frames and checkpoints) and the file size per row.
/// </summary>
internal static partial class SchemaVariantBench
{
    public const string Usage = """
        AgentLedger.Load schema-variants DB [--rows N] [--commit N] [--rounds N] [--only a,b,...] [--folder DIR]
          DB          a database a run stored (--start-server sqlite --keep-data); read only
          --rows      rows to insert per variant (default 100000, at most what DB holds)
          --commit    rows per transaction (default 1600: 16 senders x 100 records, one full group commit)
          --rounds    passes over the variants, alternately forward and backward (default 2)
          --only      the variants to run (default all)
          --folder    where the variant files go (default a new temp folder, deleted at the end)
        """;

    private sealed record Variant(string Name, string Description, Func<Schema, IReadOnlyList<string>> Ddl, RowShape Shape, int PageSize = 4096);

    private enum RowShape
    {
        AsStored,
        EventKey,
        SplitResource,
        EventKeySplitResource,
    }

    private sealed record Schema(string Table, IReadOnlyDictionary<string, string> Indexes)
    {
        public IEnumerable<string> IndexesExcept(params string[] names) => Indexes.Where(i => !names.Contains(i.Key)).Select(i => i.Value);
    }

    private static readonly Variant[] Variants =
    [
        new("today", "WITHOUT ROWID keyed (workspace_id, seq), today's five indexes", s => [s.Table, .. s.Indexes.Values], RowShape.AsStored),
        new("rowid", "rowid table + UNIQUE (workspace_id, seq), today's five indexes", s => [Rowid(s.Table), SeqIndex, .. s.Indexes.Values], RowShape.AsStored),
        new("rowid-no-user-ix", "rowid, without ix_records_user", s => [Rowid(s.Table), SeqIndex, .. s.IndexesExcept("ix_records_user")], RowShape.AsStored),
        new("rowid-no-event-ix", "rowid, without ux_records_event (ceiling: no dedupe index)", s => [Rowid(s.Table), SeqIndex, .. s.IndexesExcept("ux_records_event")], RowShape.AsStored),
        new("rowid-no-random-ix", "rowid, without ux_records_event, ix_records_user, ix_records_session (ceiling)",
            s => [Rowid(s.Table), SeqIndex, .. s.IndexesExcept("ux_records_event", "ix_records_user", "ix_records_session")], RowShape.AsStored),
        new("rowid-event-key", "rowid, event id indexed as an 8-byte integer key (non-unique) instead of its text",
            s => [EventKeyColumn(Rowid(s.Table)), SeqIndex, EventKeyIndex, .. s.IndexesExcept("ux_records_event")], RowShape.EventKey),
        new("rowid-split-resource", "rowid, the attributes' scope+resource tail stored once per distinct text (side table)",
            s => [ResourceColumn(Rowid(s.Table)), ResourceTable, SeqIndex, .. s.Indexes.Values], RowShape.SplitResource),
        new("rowid-8k", "rowid, page size 8 KiB", s => [Rowid(s.Table), SeqIndex, .. s.Indexes.Values], RowShape.AsStored, 8192),
        new("rowid-16k", "rowid, page size 16 KiB", s => [Rowid(s.Table), SeqIndex, .. s.Indexes.Values], RowShape.AsStored, 16384),
        new("today-16k", "today's layout, page size 16 KiB", s => [s.Table, .. s.Indexes.Values], RowShape.AsStored, 16384),
        new("rowid-key-split", "rowid + event key + split resource", s => [ResourceColumn(EventKeyColumn(Rowid(s.Table))), ResourceTable, SeqIndex, EventKeyIndex, .. s.IndexesExcept("ux_records_event")],
            RowShape.EventKeySplitResource),
    ];

    private const string SeqIndex = "CREATE UNIQUE INDEX ux_records_seq ON records (workspace_id, seq)";

    private const string EventKeyIndex = "CREATE INDEX ix_records_event_key ON records (workspace_id, event_key)";

    private const string ResourceTable =
        "CREATE TABLE record_resources (workspace_id TEXT NOT NULL, resource_sha256 BLOB NOT NULL, text TEXT NOT NULL, PRIMARY KEY (workspace_id, resource_sha256)) STRICT, WITHOUT ROWID";

    private static string Rowid(string table) =>
        PrimaryKey().Replace(table, "").Replace(", WITHOUT ROWID", "", StringComparison.Ordinal);

    private static string EventKeyColumn(string table) => AddColumn(table, "event_key INTEGER NOT NULL");

    private static string ResourceColumn(string table) => AddColumn(table, "resource_sha256 BLOB");

    private static string AddColumn(string table, string column)
    {
        var close = table.LastIndexOf(')');
        return table[..close].TrimEnd() + ",\n    " + column + "\n" + table[close..];
    }

    [GeneratedRegex(@",\s*PRIMARY KEY \(workspace_id, seq\)")]
    private static partial Regex PrimaryKey();

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        var source = Path.GetFullPath(args[0]);
        int rowsWanted = 100_000, commit = 1600, rounds = 2;
        string? folder = null;
        HashSet<string>? only = null;
        for (var i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--rows": rowsWanted = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--commit": commit = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--folder": folder = Path.GetFullPath(Value()); break;
                case "--only": only = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                default: throw new FormatException($"Unknown option '{args[i]}'.\n{Usage}");
            }
        }

        var variants = Variants.Where(v => only is null || only.Contains(v.Name)).ToList();
        if (only is not null && variants.Count != only.Count)
        {
            throw new FormatException($"--only: unknown variant(s) {string.Join(", ", only.Except(variants.Select(v => v.Name)))}; known: {string.Join(", ", Variants.Select(v => v.Name))}");
        }

        var (columns, rows) = await BareInsertBaseline.ReadSqliteRowsAsync(source, rowsWanted, cancellationToken).ConfigureAwait(false);
        var schema = await ReadSchemaAsync(source, cancellationToken).ConfigureAwait(false);
        var ownFolder = folder is null;
        folder ??= Directory.CreateTempSubdirectory("agentledger-variants-").FullName;
        Directory.CreateDirectory(folder);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{rows.Count:N0} rows from {source}; {commit:N0} per commit; {rounds} round(s); load average {LoadAverage()}")).ConfigureAwait(false);
        var attributes = columns.IndexOf("attributes");
        var bytes = rows.Sum(r => r[attributes] is string a ? (long)Encoding.UTF8.GetByteCount(a) : 0);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"attributes: {bytes / (double)rows.Count:N0} bytes per row on average")).ConfigureAwait(false);

        var results = variants.ToDictionary(v => v.Name, _ => new List<Measurement>());
        try
        {
            for (var round = 0; round < rounds; round++)
            {
                var order = round % 2 == 0 ? variants : Enumerable.Reverse(variants).ToList();
                foreach (var variant in order)
                {
                    var m = Insert(variant, schema, columns, rows, commit, Path.Combine(folder, variant.Name + ".db"));
                    results[variant.Name].Add(m);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  round {round + 1} {variant.Name,-22} {m.RowsPerSecond,9:N0} rows/s  {m.CpuMicrosPerRow,6:N1} µs CPU/row  {m.WrittenPerRow / 1024,6:N1} KiB written/row  {m.FilePerRow / 1024.0,5:N2} KiB file/row  load {LoadAverage()}"))
                        .ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (ownFolder)
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        var today = results.TryGetValue("today", out var t) ? t.Average(m => m.RowsPerSecond) : (double?)null;
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("| variant | rows/s (mean of rounds) | ÷ today | CPU µs per row | KiB written per row | KiB of file per row |").ConfigureAwait(false);
        await output.WriteLineAsync("|---|---:|---:|---:|---:|---:|").ConfigureAwait(false);
        foreach (var variant in variants)
        {
            var ms = results[variant.Name];
            var rate = ms.Average(m => m.RowsPerSecond);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| `{variant.Name}`: {variant.Description} | {rate:N0} ({string.Join(", ", ms.Select(m => m.RowsPerSecond.ToString("N0", CultureInfo.InvariantCulture)))}) | {(today is { } b ? (rate / b).ToString("N2", CultureInfo.InvariantCulture) + "×" : "—")} | {ms.Average(m => m.CpuMicrosPerRow):N1} | {ms.Average(m => m.WrittenPerRow) / 1024:N1} | {ms.Average(m => m.FilePerRow) / 1024:N2} |"))
                .ConfigureAwait(false);
        }

        return 0;
    }

    private sealed record Measurement(double RowsPerSecond, double CpuMicrosPerRow, double WrittenPerRow, double FilePerRow);

    private static Measurement Insert(Variant variant, Schema schema, List<string> columns, List<object[]> rows, int commit, string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }

        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            Execute(connection, $"PRAGMA page_size={variant.PageSize}; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=16000;");
            foreach (var ddl in variant.Ddl(schema))
            {
                Execute(connection, ddl);
            }

            var attributes = columns.IndexOf("attributes");
            var eventId = columns.IndexOf("event_id");
            var workspace = columns.IndexOf("workspace_id");
            var split = variant.Shape is RowShape.SplitResource or RowShape.EventKeySplitResource;
            var key = variant.Shape is RowShape.EventKey or RowShape.EventKeySplitResource;
            var names = columns.ToList();
            if (key)
            {
                names.Add("event_key");
            }

            if (split)
            {
                names.Add("resource_sha256");
            }

            using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO records ({string.Join(", ", names)}) VALUES ({string.Join(", ", names.Select((_, i) => "$p" + i))})";
            for (var c = 0; c < names.Count; c++)
            {
                insert.Parameters.Add(new SqliteParameter { ParameterName = "$p" + c });
            }

            using var resource = connection.CreateCommand();
            resource.CommandText = "INSERT OR IGNORE INTO record_resources (workspace_id, resource_sha256, text) VALUES ($ws, $h, $t)";
            var resourceWs = resource.Parameters.Add("$ws", SqliteType.Text);
            var resourceHash = resource.Parameters.Add("$h", SqliteType.Blob);
            var resourceText = resource.Parameters.Add("$t", SqliteType.Text);
            var knownResources = new HashSet<string>();

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var written = WrittenBytes();
            var clock = Stopwatch.StartNew();
            for (var start = 0; start < rows.Count; start += commit)
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                insert.Transaction = transaction;
                resource.Transaction = transaction;
                insert.Prepare();
                for (var r = start; r < Math.Min(rows.Count, start + commit); r++)
                {
                    var row = rows[r];
                    for (var c = 0; c < row.Length; c++)
                    {
                        insert.Parameters[c].Value = row[c];
                    }

                    var extra = row.Length;
                    if (key)
                    {
                        insert.Parameters[extra++].Value = EventKey((string)row[eventId]);
                    }

                    if (split)
                    {
                        if (row[attributes] is string text && SplitPoint(text) is var at and > 0)
                        {
                            var tail = text[at..];
                            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(tail));
                            if (knownResources.Add(Convert.ToHexString(hash)))
                            {
                                resourceWs.Value = row[workspace];
                                resourceHash.Value = hash;
                                resourceText.Value = tail;
                                resource.ExecuteNonQuery();
                            }

                            insert.Parameters[attributes].Value = text[..at];
                            insert.Parameters[extra].Value = hash;
                        }
                        else
                        {
                            insert.Parameters[extra].Value = DBNull.Value;
                        }
                    }

                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            var seconds = clock.Elapsed.TotalSeconds;
            var cpuMicros = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds;
            var bytesWritten = WrittenBytes() - written;
            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
            connection.Close();
            SqliteConnection.ClearAllPools();
            var size = new FileInfo(path).Length;
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }

            return new Measurement(rows.Count / seconds, cpuMicros / rows.Count, bytesWritten / (double)rows.Count, size / (double)rows.Count);
        }
    }

    /// <summary>Where the attributes' <c>"scope"</c>/<c>"resource"</c> tail starts (the mapper writes them last), or -1.</summary>
    private static int SplitPoint(string attributes) => attributes.LastIndexOf(",\"scope\":", StringComparison.Ordinal);

    private static long EventKey(string eventId) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)));

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async Task<Schema> ReadSchemaAsync(string path, CancellationToken cancellationToken)
    {
        await using var source = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = source.CreateCommand();
        command.CommandText = "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'records' AND sql IS NOT NULL";
        string? table = null;
        var indexes = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (reader.GetString(0) == "table")
            {
                table = reader.GetString(2);
            }
            else
            {
                indexes[reader.GetString(1)] = reader.GetString(2);
            }
        }

        return new Schema(table ?? throw new InvalidOperationException($"{path} has no records table."), indexes);
    }

    private static long WrittenBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/io"))
        {
            if (line.StartsWith("wchar:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
