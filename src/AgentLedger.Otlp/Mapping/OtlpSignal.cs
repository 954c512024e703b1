namespace AgentLedger.Otlp.Mapping;

/// <summary>The three OTLP signals AgentLedger receives.</summary>
public enum OtlpSignal
{
    Logs,
    Metrics,
    Traces,
}
