namespace AgentLedger.Bench;

/// <summary>How <see cref="StubUpstream"/> answers.</summary>
public sealed record StubUpstreamOptions
{
    /// <summary>Answer as an agent's model would (tool calls, then text; <see cref="StubScript"/>) instead of one fixed text.</summary>
    public bool AgentLoop { get; init; }

    /// <summary>When set, a Responses request must carry <c>Authorization: Bearer</c> this key (401 otherwise).</summary>
    public string? OpenAiKey { get; init; }

    /// <summary>When set, a Messages request must carry <c>x-api-key</c> this key (401 otherwise).</summary>
    public string? AnthropicKey { get; init; }
}
