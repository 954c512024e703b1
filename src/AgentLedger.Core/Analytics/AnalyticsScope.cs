namespace AgentLedger.Core.Analytics;

/// <summary>
/// The rows a storage read may see: one workspace, a filter on dimensions, and the activity that counts. With
/// <paramref name="ClientVersions"/> storage reads the client-version rollup (<see cref="ClientVersionRollup"/>) instead of the
/// usage rollups: its cells carry the version and only the record count, which is what active users need.
/// </summary>
public sealed record AnalyticsScope(string WorkspaceId, AnalyticsFilter Filter, AnalyticsActivity Activity, bool ClientVersions = false);
