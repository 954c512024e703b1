namespace AgentLedger.Server.Features.Analytics;

/// <summary>Analytics settings (configuration section <c>Analytics</c>).</summary>
public sealed class AnalyticsOptions
{
    public const string SectionName = "Analytics";

    /// <summary>IANA time zone of the native API's buckets when a request names none (the workspace's zone). Default UTC.</summary>
    public string DefaultTimeZone { get; set; } = "UTC";
}
