using System.ComponentModel.DataAnnotations;

namespace AgentLedger.Server.Features.Ingestion;

/// <summary>Limits on what one ingest request may carry (configuration section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>Largest request body as sent (compressed or not).</summary>
    [Range(1024, 1L << 31)]
    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest body after gzip decompression; guards against decompression bombs.</summary>
    [Range(1024, 1L << 32)]
    public long MaxDecompressedBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>Most events in one native-event batch.</summary>
    [Range(1, 1_000_000)]
    public int MaxEventsPerBatch { get; set; } = 5_000;

    /// <summary>
    /// Most records one OTLP request may become (log records, spans and metric data points). The byte caps bound memory;
    /// this bounds one commit, so that a request of millions of tiny records cannot hold the writer.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxRecordsPerRequest { get; set; } = 100_000;
}
