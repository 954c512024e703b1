namespace AgentLedger.Core.Retention;

/// <summary>
/// Retention policy (configuration section <c>Retention</c>): how long record content (prompt, response, tool input and
/// output) and record metadata are kept, by <c>occurred_at</c>. Unset means kept forever. A workspace's own setting
/// (<c>Retention:Workspaces:&lt;workspace-id&gt;</c>) overrides the global one, value by value, as DLP's do. Legal holds
/// override both (docs/adr/0005-hash-chain-retention-and-holds.md).
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>False stops this instance's purge job (another instance may still run it).</summary>
    public bool PurgeEnabled { get; set; } = true;

    /// <summary>How often the purge job looks for expired data.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Content older than this is removed; its hash stays, so the chain still verifies.</summary>
    public TimeSpan? Content { get; set; }

    /// <summary>Records older than this are deleted (at least as long as <see cref="Content"/>).</summary>
    public TimeSpan? Metadata { get; set; }

    public Dictionary<string, RetentionWorkspaceOptions> Workspaces { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The durations that apply to <paramref name="workspaceId"/>.</summary>
    public (TimeSpan? Content, TimeSpan? Metadata) For(string workspaceId)
    {
        var own = Workspaces.GetValueOrDefault(workspaceId);
        return (own?.Content ?? Content, own?.Metadata ?? Metadata);
    }
}
