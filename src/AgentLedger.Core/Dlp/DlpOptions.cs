namespace AgentLedger.Core.Dlp;

/// <summary>
/// DLP policy (configuration section <c>Dlp</c>). An action is resolved most specific first: the workspace's rule
/// setting, the workspace's category setting, the global rule setting, the global category setting.
/// </summary>
public sealed class DlpOptions
{
    public const string SectionName = "Dlp";

    /// <summary>False skips scanning entirely (every rule off everywhere).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Default for secret rules: redact before storage.</summary>
    public DlpAction Secrets { get; set; } = DlpAction.Redact;

    /// <summary>Default for personal-data rules: record the finding, keep the text.</summary>
    public DlpAction Pii { get; set; } = DlpAction.Flag;

    /// <summary>Per-rule overrides by rule id (see <see cref="DlpRuleIds"/>).</summary>
    public Dictionary<string, DlpAction> Rules { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per-workspace overrides by workspace id.</summary>
    public Dictionary<string, DlpWorkspaceOptions> Workspaces { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The most one rule may spend on one field before it fails closed (whole field treated as a finding).</summary>
    public TimeSpan MatchTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The secret that keys finding hashes (HMAC-SHA256), as text of at least <see cref="MinHashKeyLength"/> characters;
    /// set it from the environment or a file. When absent, a random key is generated once and kept in the database.
    /// </summary>
    public string? HashKey { get; set; }

    public const int MinHashKeyLength = 32;
}
