using AgentLedger.Core.Records;

namespace AgentLedger.Core.Gateway;

/// <summary>The model's answer as assembled from the provider's stream or JSON body.</summary>
public sealed record GatewayResponse
{
    public string? Model { get; init; }

    public string? ResponseId { get; init; }

    /// <summary>The assembled assistant text (every text delta, in order).</summary>
    public string? Text { get; init; }

    public IReadOnlyList<GatewayToolCall> ToolCalls { get; init; } = [];

    /// <summary>From the provider's usage block, normalised as <see cref="TokenUsage"/> documents.</summary>
    public TokenUsage Usage { get; init; } = TokenUsage.None;

    public string? StopReason { get; init; }

    /// <summary>An error the provider reported inside a 200 stream (an <c>error</c> event, <c>response.failed</c>).</summary>
    public string? Error { get; init; }

    /// <summary>True when the text reached <see cref="GatewayResponseAssembler.MaxTextChars"/> and the rest was not kept.</summary>
    public bool Truncated { get; init; }
}
