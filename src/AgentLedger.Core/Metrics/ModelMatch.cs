namespace AgentLedger.Core.Metrics;

/// <summary>How a <see cref="ModelPrice"/> entry's model id (and each alias) matches the model a record names.</summary>
public enum ModelMatch
{
    /// <summary>The record's model starts with the id (<c>gpt-5-codex</c> prices <c>gpt-5-codex-2026-01-15</c>).</summary>
    Prefix,

    /// <summary>The record's model is the id, ignoring case, and nothing else.</summary>
    Exact,
}
