using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Ingestion.Events;
using AgentLedger.Storage.Sqlite;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentLedger.Benchmarks;

/// <summary>
/// Durable native-event ingest into SQLite (mapper + IngestBatchWriter + SqliteRecordWriter, one batch of 1,000
/// events per operation) with the default DLP policy against DLP switched off, in the same run. Each case starts
/// from a fresh database file. Every tenth prompt carries a GitHub token and an e-mail address, so that the DLP case
/// also pays for redaction, keyed hashes and the findings table rows written in the same transaction.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(IngestBenchmarkConfig))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes.")]
public class DlpIngestBenchmarks
{
    private const string Workspace = "bench";
    private const string Plant = " GITHUB_TOKEN=ghp_gJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vUCs, mail kim@example.com";

    private readonly TimeProvider _time = TimeProvider.System;
    private string _folder = null!;
    private long _eventCounter;
    private NativeEvent[] _events = [];
    private NativeEventMapper _mapper = null!;
    private SqliteRecordWriter? _recordWriter;
    private IngestBatchWriter? _writer;
    private BenchMeterFactory? _meters;

    [Params(1000)]
    public int BatchSize { get; set; }

    [Params(false, true)]
    public bool Dlp { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _folder = Directory.CreateTempSubdirectory("agentledger-bench-dlp-").FullName;
        var database = new SqliteDatabase(Options.Create(new SqliteStorageOptions
        {
            Path = Path.Combine(_folder, "agentledger.db"),
            Synchronous = SqliteSynchronous.Full,
        }));
        await new SqliteMigrator(database, _time, NullLogger<SqliteMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await new SqliteWorkspaceStore(database, _time).EnsureWorkspaceAsync(Workspace, Workspace, CancellationToken.None);
        _events = BenchmarkPayloads.Native(_time.GetUtcNow());
        _mapper = new NativeEventMapper(new CreditCalculator(PriceBook.Default));
        _recordWriter = new SqliteRecordWriter(database, _time);
        _meters = new BenchMeterFactory();
        _writer = new IngestBatchWriter(_recordWriter, BenchDlp.Filter(Dlp), Options.Create(new IngestWriterOptions()), _meters, NullLogger<IngestBatchWriter>.Instance);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _writer!.DisposeAsync();
        await _recordWriter!.DisposeAsync();
        _meters!.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "mapper + DLP filter + IngestBatchWriter + SqliteRecordWriter")]
    public async Task<int> NativeEventIngest()
    {
        var context = new NativeEventContext(Workspace, _time.GetUtcNow(), "127.0.0.1", "bench/1.0");
        var records = new List<ActivityRecord>(BatchSize);
        for (var i = 0; i < BatchSize; i++)
        {
            var counter = _eventCounter++;
            var template = _events[counter % _events.Length];
            var e = template with
            {
                EventId = "bench-dlp-" + counter,
                SessionId = template.SessionId is null ? null : "s-" + counter / 40,
                PromptText = counter % 10 == 0 && template.PromptText is not null ? template.PromptText + Plant : template.PromptText,
            };
            records.AddRange(_mapper.Map(e, context).Records);
        }

        var outcomes = await _writer!.WriteAsync(records, CancellationToken.None);
        var stored = outcomes.Count(o => o.Stored);
        // A benchmark that silently stores nothing would look fast: fail loudly instead.
        return stored == records.Count ? stored : throw new InvalidOperationException($"{stored} of {records.Count} records were stored.");
    }
}
