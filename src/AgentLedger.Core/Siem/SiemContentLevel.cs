namespace AgentLedger.Core.Siem;

/// <summary>How much of a record's content (prompt, response, tool input and output) leaves for a destination.</summary>
public enum SiemContentLevel
{
    /// <summary>No content: who, when, where, which model, how many tokens.</summary>
    Metadata,

    /// <summary>Each content field replaced by <c>sha256:</c> and the hex SHA-256 of its UTF-8 bytes, for correlation.</summary>
    Hashed,

    /// <summary>The content as stored (already redacted by DLP where the workspace's policy says so).</summary>
    Full,
}
