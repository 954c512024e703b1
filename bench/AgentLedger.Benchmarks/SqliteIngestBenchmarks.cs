using System.Net.Http.Headers;
using System.Text.Json;
using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using AgentLedger.CrashTest;
using AgentLedger.Server.Features.Ingestion.Events;
using AgentLedger.Storage.Sqlite;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentLedger.Benchmarks;

/// <summary>
/// Native-event ingest into SQLite with a durable commit (WAL, synchronous=FULL), per operation one batch of
/// <see cref="BatchSize"/> events, against the floor of a bare prepared INSERT of the same rows in the same run.
/// Every case starts from a fresh database file.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(IngestBenchmarkConfig))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes.")]
public class SqliteIngestBenchmarks
{
    private const string Workspace = "bench";
    private const int HttpClients = 8;

    private readonly TimeProvider _time = TimeProvider.System;
    private string _folder = null!;
    private long _eventCounter;

    private BareRecordInsert? _bare;
    private NativeEvent[] _events = [];
    private NativeEventMapper _mapper = null!;
    private SqliteRecordWriter? _recordWriter;
    private IngestBatchWriter? _writer;
    private BenchMeterFactory? _meters;
    private SyntheticEvent[] _synthetic = [];
    private InProcessServer? _server;

    [Params(100, 1000)]
    public int BatchSize { get; set; }

    [GlobalSetup(Target = nameof(BareInsert))]
    public async Task SetupBareAsync()
    {
        var database = await NewDatabaseAsync();
        var context = new NativeEventContext(Workspace, _time.GetUtcNow(), "127.0.0.1", "bench/1.0");
        var mapper = new NativeEventMapper(new CreditCalculator(PriceBook.Default));
        var mapped = BenchmarkPayloads.Native(_time.GetUtcNow()).SelectMany(e => mapper.Map(e, context).Records).ToList();
        _bare = await BareRecordInsert.OpenAsync(database, mapped);
    }

    [GlobalSetup(Targets = [nameof(NativeEventIngest), nameof(MapOnly)])]
    public async Task SetupNativeAsync()
    {
        var database = await NewDatabaseAsync();
        _events = BenchmarkPayloads.Native(_time.GetUtcNow());
        _mapper = new NativeEventMapper(new CreditCalculator(PriceBook.Default));
        _recordWriter = new SqliteRecordWriter(database, _time);
        _meters = new BenchMeterFactory();
        _writer = new IngestBatchWriter(_recordWriter, BenchDlp.Filter(enabled: true), Options.Create(new IngestWriterOptions()), _meters, NullLogger<IngestBatchWriter>.Instance);
    }

    [GlobalSetup(Target = nameof(HttpConcurrentIngest))]
    public async Task SetupHttpAsync()
    {
        _folder = Directory.CreateTempSubdirectory("agentledger-bench-").FullName;
        _synthetic = BenchmarkPayloads.Synthetic(_time.GetUtcNow());
        _server = await InProcessServer.StartAsync(Path.Combine(_folder, "agentledger.db"), Workspace);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _bare?.Dispose();
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        if (_recordWriter is not null)
        {
            await _recordWriter.DisposeAsync();
        }

        _meters?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Baseline: the same rows, one prepared INSERT each, one durable transaction.</summary>
    [Benchmark(Baseline = true, Description = "bare prepared INSERT, 1 tx")]
    public int BareInsert() => _bare!.Insert(BatchSize, ref _eventCounter);

    /// <summary>The real path minus HTTP: NativeEventMapper, then one request through the group-commit writer.</summary>
    [Benchmark(Description = "mapper + IngestBatchWriter + SqliteRecordWriter")]
    public async Task<int> NativeEventIngest()
    {
        var context = new NativeEventContext(Workspace, _time.GetUtcNow(), "127.0.0.1", "bench/1.0");
        var records = new List<ActivityRecord>(BatchSize);
        for (var i = 0; i < BatchSize; i++)
        {
            var counter = _eventCounter++;
            var template = _events[counter % _events.Length];
            var e = template with { EventId = "bench-" + counter, SessionId = template.SessionId is null ? null : "s-" + counter / 40 };
            records.AddRange(_mapper.Map(e, context).Records);
        }

        var outcomes = await _writer!.WriteAsync(records, CancellationToken.None);
        return CountStored(outcomes, records.Count);
    }

    /// <summary>
    /// Not ingest: the mapping half of <see cref="NativeEventIngest"/> alone (validation, pricing, record ids), no
    /// storage. Subtracted from the ingest time it leaves what the writer and SQLite cost.
    /// </summary>
    [Benchmark(Description = "(no storage) mapper only")]
    public int MapOnly()
    {
        var context = new NativeEventContext(Workspace, _time.GetUtcNow(), "127.0.0.1", "bench/1.0");
        var records = new List<ActivityRecord>(BatchSize);
        for (var i = 0; i < BatchSize; i++)
        {
            var counter = _eventCounter++;
            var template = _events[counter % _events.Length];
            var e = template with { EventId = "bench-" + counter, SessionId = template.SessionId is null ? null : "s-" + counter / 40 };
            records.AddRange(_mapper.Map(e, context).Records);
        }

        return records.Count;
    }

    /// <summary>
    /// The whole server over loopback HTTP: the batch split across <see cref="HttpClients"/> concurrent requests,
    /// which the group commit merges. Includes the client's JSON serialisation (same process, same two cores).
    /// </summary>
    [Benchmark(Description = "HTTP POST /api/v1/events, 8 concurrent clients")]
    public async Task<int> HttpConcurrentIngest()
    {
        var requests = new Task<int>[HttpClients];
        for (var c = 0; c < HttpClients; c++)
        {
            var size = BatchSize / HttpClients + (c < BatchSize % HttpClients ? 1 : 0);
            var events = new SyntheticEvent[size];
            for (var i = 0; i < size; i++)
            {
                var counter = _eventCounter++;
                var template = _synthetic[counter % _synthetic.Length];
                events[i] = template with { EventId = "bench-" + counter, SessionId = template.SessionId is null ? null : "s-" + counter / 40 };
            }

            requests[c] = PostAsync(JsonSerializer.SerializeToUtf8Bytes(events, IngestClient.Json), size);
        }

        var accepted = 0;
        foreach (var count in await Task.WhenAll(requests))
        {
            accepted += count;
        }

        return accepted;
    }

    private async Task<int> PostAsync(byte[] body, int expected)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _server!.Client.PostAsync("/api/v1/events", content);
        response.EnsureSuccessStatusCode();
        using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        var accepted = answer.RootElement.GetProperty("accepted").GetInt32();
        return accepted == expected ? accepted : throw new InvalidOperationException($"{accepted} of {expected} events were stored.");
    }

    private static int CountStored(IReadOnlyList<AppendOutcome> outcomes, int expected)
    {
        var stored = 0;
        for (var i = 0; i < outcomes.Count; i++)
        {
            stored += outcomes[i].Stored ? 1 : 0;
        }

        // A benchmark that silently stores nothing would look fast: fail loudly instead.
        return stored == expected ? stored : throw new InvalidOperationException($"{stored} of {expected} records were stored.");
    }

    private async Task<SqliteDatabase> NewDatabaseAsync()
    {
        _folder = Directory.CreateTempSubdirectory("agentledger-bench-").FullName;
        var database = new SqliteDatabase(Options.Create(new SqliteStorageOptions
        {
            Path = Path.Combine(_folder, "agentledger.db"),
            Synchronous = SqliteSynchronous.Full,
        }));
        await new SqliteMigrator(database, _time, NullLogger<SqliteMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await new SqliteWorkspaceStore(database, _time).EnsureWorkspaceAsync(Workspace, Workspace, CancellationToken.None);
        return database;
    }
}
