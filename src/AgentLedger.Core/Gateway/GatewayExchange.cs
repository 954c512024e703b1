using System.Text.Json.Nodes;

namespace AgentLedger.Core.Gateway;

/// <summary>One model call through the gateway, as it is recorded.</summary>
public sealed record GatewayExchange
{
    public required string ExchangeId { get; init; }

    public required string WorkspaceId { get; init; }

    public required string KeyId { get; init; }

    /// <summary>The key's name: the user (an e-mail) or team the key was issued to.</summary>
    public required string KeyName { get; init; }

    public required GatewayApi Api { get; init; }

    public required GatewayClient Client { get; init; }

    public required GatewayAccounting Accounting { get; init; }

    public string? UserAgent { get; init; }

    public string? ClientIp { get; init; }

    public required GatewayRequestView Request { get; init; }

    /// <summary>The assembled answer; null when the request never reached the provider or the provider answered an error.</summary>
    public GatewayResponse? Response { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>When the first byte of the provider's answer arrived; null when none did.</summary>
    public DateTimeOffset? FirstByteAt { get; init; }

    /// <summary>The status the agent got (the provider's, or the gateway's own 4xx/502/504).</summary>
    public required int Status { get; init; }

    /// <summary>What went wrong: the refusal, the provider's error message or the transport failure.</summary>
    public string? Error { get; init; }

    public GatewayRefusal? Refusal { get; init; }

    /// <summary>Whether the agent went away before the answer was complete (the upstream call was cancelled).</summary>
    public bool ClientAborted { get; init; }

    /// <summary>What the gates noted (DLP findings and redactions, …).</summary>
    public JsonObject? Notes { get; init; }
}
