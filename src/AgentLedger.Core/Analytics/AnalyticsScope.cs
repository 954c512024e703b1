namespace AgentLedger.Core.Analytics;

/// <summary>The rows a storage read may see: one workspace, a filter on dimensions, and the activity that counts.</summary>
public sealed record AnalyticsScope(string WorkspaceId, AnalyticsFilter Filter, AnalyticsActivity Activity);
