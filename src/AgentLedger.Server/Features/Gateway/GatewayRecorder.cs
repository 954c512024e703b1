using AgentLedger.Core.Gateway;
using AgentLedger.Core.Ingestion;

namespace AgentLedger.Server.Features.Gateway;

/// <summary>
/// Stores an exchange's records through <see cref="IngestBatchWriter"/>, like every other ingest path (so the
/// workspace's DLP policy applies to what is stored, and the records commit with their rollups).
/// </summary>
public sealed partial class GatewayRecorder(IngestBatchWriter writer, ILogger<GatewayRecorder> logger)
{
    /// <summary>Records and waits until the records are durable (used for refusals, answered only after).</summary>
    /// <returns>False when the records could not be stored (logged).</returns>
    public async Task<bool> RecordAsync(GatewayExchange exchange)
    {
        var records = GatewayRecordMapper.Map(exchange);
        try
        {
            // Not the request's token: an exchange that happened is recorded even if the agent has gone away.
            await writer.WriteAsync(records, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IngestCommitException or System.Threading.Channels.ChannelClosedException or ObjectDisposedException)
        {
            LogRecordFailed(logger, e, records.Count, exchange.ExchangeId, exchange.WorkspaceId);
            return false;
        }
    }

    /// <summary>
    /// Queues the records for the group-commit writer without waiting for the commit. Used once the agent has its whole
    /// answer: HTTP/1.1 serves a connection's requests in turn, so waiting for the fsync here would hold the agent's
    /// next model call on that connection. DLP filtering still happens before this returns (on this thread).
    /// </summary>
    public void Enqueue(GatewayExchange exchange) => _ = RecordAsync(exchange);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gateway: {Count} records of exchange {ExchangeId} (workspace {WorkspaceId}) could not be stored")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, int count, string exchangeId, string workspaceId);
}
