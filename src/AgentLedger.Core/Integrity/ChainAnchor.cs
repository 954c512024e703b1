namespace AgentLedger.Core.Integrity;

/// <summary>
/// A chain hash stored somewhere other than the record it belongs to: the workspace's head, or the head a sealed log
/// file carries at its last seq. Rewriting records and their hashes consistently still breaks every anchor after them.
/// </summary>
/// <param name="Source">What holds it: <c>workspace_head</c> or <c>log_file:&lt;file id&gt;</c>.</param>
public sealed record ChainAnchor(string Source, long Seq, byte[] ChainSha256)
{
    public const string WorkspaceHead = "workspace_head";

    public static string LogFile(string fileId) => "log_file:" + fileId;
}
