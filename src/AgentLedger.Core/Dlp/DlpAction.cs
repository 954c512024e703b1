namespace AgentLedger.Core.Dlp;

/// <summary>What ingest does with a rule's findings, per workspace (configuration section <c>Dlp</c>).</summary>
public enum DlpAction
{
    /// <summary>The rule does not run for the workspace.</summary>
    Off,

    /// <summary>The finding is recorded on the record; the text is stored as sent.</summary>
    Flag,

    /// <summary>The finding is recorded and the matched text is replaced by <c>[REDACTED:rule-id]</c> before storage.</summary>
    Redact,
}
