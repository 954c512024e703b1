using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Ingestion;

/// <summary>A server with tiny ingest limits, to reach them with small requests.</summary>
public sealed class SmallLimitsServerFixture : ServerFixture
{
    public const int MaxBodyBytes = 4096;
    public const int MaxEvents = 3;

    protected override IEnumerable<string> ExtraArgs =>
        [$"--Ingest:MaxBodyBytes={MaxBodyBytes}", $"--Ingest:MaxEventsPerBatch={MaxEvents}", "--Ingest:MaxDecompressedBytes=8192"];
}
