namespace AgentLedger.Core.Dlp;

/// <summary>What ingest and the model gateway do with a rule's findings, per workspace (configuration section <c>Dlp</c>).</summary>
public enum DlpAction
{
    /// <summary>The rule does not run for the workspace.</summary>
    Off,

    /// <summary>The finding is recorded on the record; the text is stored as sent.</summary>
    Flag,

    /// <summary>The finding is recorded and the matched text is replaced by <c>[REDACTED:rule-id]</c> before storage.</summary>
    Redact,

    /// <summary>
    /// At the model gateway the request is refused with a provider-shaped error naming the rule, and never reaches the
    /// provider. Ingest cannot refuse what has already happened, so there it acts as <see cref="Redact"/>: a value
    /// the policy blocks is never stored in clear either.
    /// </summary>
    Block,
}
