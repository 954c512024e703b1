using System.Text.Json.Nodes;

namespace AgentLedger.Core.Gateway;

/// <summary>What a gate sees of a request: who sends it, through which API, and the parsed body it may rewrite.</summary>
public sealed class GatewayGateContext
{
    public required string WorkspaceId { get; init; }

    public required string KeyId { get; init; }

    public required GatewayApi Api { get; init; }

    /// <summary>The directory identity the exchange is attributed to (the key's name), for per-user policies.</summary>
    public required string Caller { get; init; }

    public required GatewayRequestView Request { get; init; }

    /// <summary>The request body; a gate that changes it sets <see cref="BodyChanged"/> so the change is sent.</summary>
    public required JsonObject Body { get; init; }

    public bool BodyChanged { get; set; }

    /// <summary>What the gates want recorded with the exchange (under <c>gateway</c> in the records' attributes).</summary>
    public JsonObject Notes { get; } = [];
}
