using System.Collections.Concurrent;
using System.Threading.Channels;
using AgentLedger.Core.Keys;

namespace AgentLedger.Server.Auth;

/// <summary>
/// Keeps each API key's <c>last_used_at</c> to within about <see cref="Interval"/>, without a write per request: a request
/// costs a dictionary look-up, and at most once per interval per key (per instance) a use is queued; a background loop
/// writes it with a conditional UPDATE that also refuses a write less than an interval after another instance's. Ingest
/// is the hot path, so nothing here waits for the database.
/// </summary>
public sealed partial class ApiKeyUsageRecorder(IWorkspaceStore workspaces, TimeProvider time, ILogger<ApiKeyUsageRecorder> logger) : BackgroundService
{
    /// <summary>How stale a key's last use may be; also the least time between two writes for one key.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>Uses waiting to be written; when the writer falls this far behind, newer uses are dropped (the next interval brings them).</summary>
    public const int MaxQueued = 4096;

    private readonly ConcurrentDictionary<string, long> _lastQueued = new(StringComparer.Ordinal);

    private readonly Channel<(string KeyId, DateTimeOffset At)> _queue = Channel.CreateBounded<(string, DateTimeOffset)>(
        new BoundedChannelOptions(MaxQueued) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>Notes that the key authenticated a request now; true when this use is queued for writing.</summary>
    public bool KeyUsed(string keyId)
    {
        var now = time.GetUtcNow();
        if (_lastQueued.TryGetValue(keyId, out var last))
        {
            // Claim the interval atomically: of several requests at the boundary, only the one whose update wins queues.
            if (now.UtcTicks - last < Interval.Ticks || !_lastQueued.TryUpdate(keyId, now.UtcTicks, last))
            {
                return false;
            }
        }
        else if (!_lastQueued.TryAdd(keyId, now.UtcTicks))
        {
            return false;
        }

        return _queue.Writer.TryWrite((keyId, now));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (keyId, at) in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await workspaces.RecordApiKeyUseAsync(keyId, at, Interval, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A lost last-use stamp is repaired by the key's next use after the interval; the key itself works.
                    LogWriteFailed(logger, ex, keyId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down; uses still queued are at most an interval old and are written again on the next use
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the last use of API key {KeyId}")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string keyId);
}
