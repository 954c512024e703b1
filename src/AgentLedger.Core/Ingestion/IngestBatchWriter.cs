using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using AgentLedger.Core.Dlp;
using AgentLedger.Core.Records;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentLedger.Core.Ingestion;

/// <summary>
/// The single writer: concurrent ingest requests queue here and are committed together in one transaction
/// (group commit). A request's task completes only after the transaction holding its records has committed,
/// so a 2xx is never sent for data that a crash could lose. Every ingest path (native events, OTLP, demo data) passes
/// through here, so this is where DLP applies: on the caller's thread, before queueing, so that scanning runs in
/// parallel across requests and unredacted text never reaches the writer loop or storage.
/// </summary>
public sealed partial class IngestBatchWriter : IAsyncDisposable
{
    public const string MeterName = "AgentLedger.Ingest";

    private readonly IRecordWriter _writer;
    private readonly DlpIngestFilter _dlp;
    private readonly IngestWriterOptions _options;
    private readonly ILogger<IngestBatchWriter> _logger;
    private readonly Channel<PendingWrite> _queue;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Counter<long> _recordsStored;
    private readonly Counter<long> _recordsDuplicate;
    private readonly Histogram<int> _commitSize;
    private readonly Histogram<double> _commitDuration;

    public IngestBatchWriter(IRecordWriter writer, DlpIngestFilter dlp, IOptions<IngestWriterOptions> options, IMeterFactory meterFactory, ILogger<IngestBatchWriter> logger)
    {
        _writer = writer;
        _dlp = dlp;
        _options = options.Value;
        _logger = logger;
        _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(_options.MaxPendingRequests)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var meter = meterFactory.Create(MeterName);
        _recordsStored = meter.CreateCounter<long>("agentledger.ingest.records_stored", "{record}");
        _recordsDuplicate = meter.CreateCounter<long>("agentledger.ingest.records_duplicate", "{record}");
        _commitSize = meter.CreateHistogram<int>("agentledger.ingest.commit_size", "{record}");
        _commitDuration = meter.CreateHistogram<double>("agentledger.ingest.commit_duration", "s");
        _loop = Task.Run(RunAsync);
    }

    private long _committed;

    /// <summary>Records committed since start; for readiness and diagnostics.</summary>
    public long CommittedRecords => Interlocked.Read(ref _committed);

    /// <summary>Requests waiting for the writer; for diagnostics.</summary>
    public int QueuedRequests => _queue.Reader.Count;

    /// <summary>False once the writer loop has ended (stopped, or failed in a way it could not survive).</summary>
    public bool IsRunning => !_loop.IsCompleted;

    /// <summary>Applies DLP, queues the records and completes once they are durably committed (or found to be duplicates).</summary>
    public async Task<IReadOnlyList<AppendOutcome>> WriteAsync(IReadOnlyList<ActivityRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return [];
        }

        var pending = new PendingWrite(await _dlp.ApplyAsync(records, cancellationToken).ConfigureAwait(false));
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        // Once queued, the write happens whether or not the caller still waits: cancelling only stops waiting.
        return await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>();
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                batch.Clear();
                var total = 0;
                while (reader.TryPeek(out var next) && (batch.Count == 0 || total + next.Records.Count <= _options.MaxRecordsPerCommit))
                {
                    reader.TryRead(out _);
                    batch.Add(next);
                    total += next.Records.Count;
                }

                await CommitAsync(batch, total).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // Not expected: CommitAsync handles storage failures. If it happens anyway, no request may wait forever:
            // refuse new writes and fail everything queued, and let readiness report the writer as down.
            LogWriterStopped(_logger, ex);
            _queue.Writer.TryComplete(ex);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(new IngestCommitException("The ingest writer stopped.", ex));
            }

            while (reader.TryRead(out var queued))
            {
                queued.Completion.TrySetException(new IngestCommitException("The ingest writer stopped.", ex));
            }

            throw;
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch, int total)
    {
        var records = new List<ActivityRecord>(total);
        foreach (var pending in batch)
        {
            records.AddRange(pending.Records);
        }

        var started = Stopwatch.GetTimestamp();
        IReadOnlyList<AppendOutcome> outcomes;
        try
        {
            outcomes = await _writer.AppendAsync(records, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Nothing of this transaction committed; every waiting request learns so and answers with an error,
            // and its client retries. The writer stays up for the next batch.
            LogCommitFailed(_logger, ex, batch.Count, total);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(new IngestCommitException("The batch could not be committed.", ex));
            }

            return;
        }

        _commitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        _commitSize.Record(total);
        var offset = 0;
        var stored = 0;
        foreach (var pending in batch)
        {
            var slice = new AppendOutcome[pending.Records.Count];
            for (var i = 0; i < slice.Length; i++)
            {
                slice[i] = outcomes[offset + i];
                stored += slice[i].Stored ? 1 : 0;
            }

            offset += slice.Length;
            pending.Completion.TrySetResult(slice);
        }

        Interlocked.Add(ref _committed, stored);
        _recordsStored.Add(stored);
        _recordsDuplicate.Add(total - stored);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingest commit of {Requests} requests ({Records} records) failed; nothing was stored")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int requests, int records);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The ingest writer stopped; ingest answers 503 until restart")]
    private static partial void LogWriterStopped(ILogger logger, Exception exception);

    private sealed class PendingWrite(IReadOnlyList<ActivityRecord> records)
    {
        public IReadOnlyList<ActivityRecord> Records { get; } = records;

        public TaskCompletionSource<IReadOnlyList<AppendOutcome>> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
