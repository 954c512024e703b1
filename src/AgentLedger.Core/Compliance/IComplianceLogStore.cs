namespace AgentLedger.Core.Compliance;

/// <summary>Sealed compliance log files: written once by the sealing job, listed and served by the logs platform.</summary>
public interface IComplianceLogStore
{
    /// <summary>The highest source seq already in a sealed file of this type (0 when none is sealed).</summary>
    Task<long> SealedSeqAsync(string workspaceId, ComplianceLogType type, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the file if it continues the sealed range exactly (its first seq is one past the sealed seq), assigning
    /// its end time; returns the stored file, or null when another sealer got there first (nothing is stored then).
    /// Seals of one workspace are serialised, so end times increase in the order files become visible.
    /// </summary>
    Task<ComplianceLogFile?> SealAsync(NewComplianceLogFile file, CancellationToken cancellationToken);

    /// <summary>Files with end time after <paramref name="afterEndTime"/> (all when null), oldest first.</summary>
    Task<IReadOnlyList<ComplianceLogFile>> ListAsync(
        string workspaceId, ComplianceLogType? type, DateTimeOffset? afterEndTime, int limit, CancellationToken cancellationToken);

    Task<ComplianceLogFile?> FindAsync(string workspaceId, string fileId, CancellationToken cancellationToken);

    /// <summary>The stored (gzip-compressed) content of a file; null when there is no such file.</summary>
    Task<byte[]?> ReadContentAsync(string workspaceId, string fileId, CancellationToken cancellationToken);
}
