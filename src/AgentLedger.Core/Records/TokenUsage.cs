using System.Text.Json.Serialization;

namespace AgentLedger.Core.Records;

/// <summary>
/// Token counters of one model call. <see cref="InputTokens"/> includes the cached part and
/// <see cref="OutputTokens"/> includes the reasoning part, as OpenAI's usage object reports them; mappers of
/// sources that count them apart (Anthropic cache reads, Gemini thoughts) add them in.
/// <see cref="UncachedInputTokens"/> is the difference.
/// </summary>
public sealed record TokenUsage(long InputTokens, long CachedInputTokens, long OutputTokens, long ReasoningTokens)
{
    public static readonly TokenUsage None = new(0, 0, 0, 0);

    public long UncachedInputTokens => Math.Max(0, InputTokens - CachedInputTokens);

    public long TotalTokens => InputTokens + OutputTokens;

    [JsonIgnore]
    public bool IsEmpty => InputTokens == 0 && CachedInputTokens == 0 && OutputTokens == 0 && ReasoningTokens == 0;
}
