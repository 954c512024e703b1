using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using AgentLedger.Otlp.Mapping;
using AgentLedger.Otlp.Proto.Collector.Logs.V1;
using AgentLedger.Otlp.Proto.Collector.Metrics.V1;
using AgentLedger.Otlp.Proto.Collector.Trace.V1;
using Google.Protobuf;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Ingestion.Otlp;

/// <summary>What an OTLP request became: its records, and how many of them were new (the rest were re-sent).</summary>
public readonly record struct OtlpIngestOutcome(int Records, int Stored);

/// <summary>
/// The path shared by OTLP/HTTP and OTLP/gRPC: map the decoded request, price it, and hand it to the group
/// commit. The task completes only when the records are durable.
/// </summary>
public sealed partial class OtlpIngestor(
    OtlpRecordMapper mapper, CreditCalculator credits, IngestBatchWriter writer, IOptions<IngestOptions> limits, ILogger<OtlpIngestor> logger)
{
    /// <exception cref="IngestCommitException">Nothing was stored; the sender should retry.</exception>
    /// <exception cref="OtlpRequestTooLargeException">The request holds more records than allowed; nothing was stored.</exception>
    public async Task<OtlpIngestOutcome> IngestAsync(OtlpSignal signal, IMessage request, OtlpIngestContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<ActivityRecord> records = request switch
        {
            ExportLogsServiceRequest logs => mapper.MapLogs(logs, context),
            ExportMetricsServiceRequest metrics => mapper.MapMetrics(metrics, context),
            ExportTraceServiceRequest traces => mapper.MapTraces(traces, context),
            _ => throw new ArgumentException($"Not an OTLP export request: {request.Descriptor.FullName}.", nameof(request)),
        };
        if (records.Count == 0)
        {
            return new OtlpIngestOutcome(0, 0);
        }

        var max = limits.Value.MaxRecordsPerRequest;
        if (records.Count > max)
        {
            throw new OtlpRequestTooLargeException(
                $"The request holds {records.Count} records; the limit is {max} (Ingest:MaxRecordsPerRequest). Export smaller batches; nothing was stored.");
        }

        var priced = new ActivityRecord[records.Count];
        for (var i = 0; i < priced.Length; i++)
        {
            priced[i] = credits.Apply(records[i]);
        }

        var outcomes = await writer.WriteAsync(priced, cancellationToken).ConfigureAwait(false);
        var stored = outcomes.Count(o => o.Stored);
        LogIngested(logger, signal, context.WorkspaceId, records.Count, stored);
        return new OtlpIngestOutcome(records.Count, stored);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "OTLP {Signal} for workspace {WorkspaceId}: {Records} records, {Stored} new")]
    private static partial void LogIngested(ILogger logger, OtlpSignal signal, string workspaceId, int records, int stored);
}
