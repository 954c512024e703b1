namespace AgentLedger.Core.Gateway;

/// <summary>Which source counts a gateway session's turns, messages, tool calls and tokens (docs/adr/0006-gateway.md).</summary>
public enum GatewayAccounting
{
    /// <summary>The agents' OTLP telemetry counts; gateway records add content and activity but count nothing again.</summary>
    Telemetry,

    /// <summary>The gateway counts: for agents that export no telemetry (or whose telemetry is not sent to AgentLedger).</summary>
    Gateway,
}
