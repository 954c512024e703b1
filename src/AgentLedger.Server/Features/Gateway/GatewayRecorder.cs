using AgentLedger.Core.Gateway;
using AgentLedger.Core.Ingestion;

namespace AgentLedger.Server.Features.Gateway;

/// <summary>
/// Stores an exchange's records through <see cref="IngestBatchWriter"/>, like every other ingest path (so the
/// workspace's DLP policy applies to what is stored, and the records commit with their rollups).
/// </summary>
public sealed partial class GatewayRecorder(IngestBatchWriter writer, ILogger<GatewayRecorder> logger)
{
    /// <returns>False when the records could not be stored (logged; the agent's answer is not affected).</returns>
    public async Task<bool> RecordAsync(GatewayExchange exchange)
    {
        var records = GatewayRecordMapper.Map(exchange);
        try
        {
            // Not the request's token: an exchange that happened is recorded even if the agent has gone away.
            await writer.WriteAsync(records, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (IngestCommitException e)
        {
            LogRecordFailed(logger, e, records.Count, exchange.ExchangeId, exchange.WorkspaceId);
            return false;
        }
        catch (System.Threading.Channels.ChannelClosedException e)
        {
            LogRecordFailed(logger, e, records.Count, exchange.ExchangeId, exchange.WorkspaceId);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Gateway: {Count} records of exchange {ExchangeId} (workspace {WorkspaceId}) could not be stored")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, int count, string exchangeId, string workspaceId);
}
