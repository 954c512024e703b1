using AgentLedger.Core.Compliance;

namespace AgentLedger.Core.Retention;

/// <summary>Legal holds per workspace.</summary>
public interface ILegalHoldStore
{
    Task CreateAsync(LegalHold hold, CancellationToken cancellationToken);

    /// <summary>Replaces an active hold's name, reason and filter; null when there is no such active hold.</summary>
    Task<LegalHold?> UpdateAsync(
        string workspaceId, string holdId, string name, string? reason, RecordFilter filter, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Releases an active hold; null when there is no such active hold.</summary>
    Task<LegalHold?> ReleaseAsync(string workspaceId, string holdId, string releasedBy, DateTimeOffset at, CancellationToken cancellationToken);

    Task<LegalHold?> FindAsync(string workspaceId, string holdId, CancellationToken cancellationToken);

    /// <summary>The workspace's holds, oldest first; released ones only when asked.</summary>
    Task<IReadOnlyList<LegalHold>> ListAsync(string workspaceId, bool includeReleased, CancellationToken cancellationToken);
}
