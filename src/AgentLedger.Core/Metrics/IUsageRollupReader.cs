namespace AgentLedger.Core.Metrics;

/// <summary>Reads the hourly rollups; analytics never reads raw records.</summary>
public interface IUsageRollupReader
{
    /// <summary>Rows whose hour starts in [<paramref name="from"/>, <paramref name="to"/>), ordered by hour.</summary>
    Task<IReadOnlyList<UsageRollupRow>> ReadHourlyAsync(string workspaceId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
