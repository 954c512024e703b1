namespace AgentLedger.Server.Features.Analytics;

/// <summary>Analytics settings (configuration section <c>Analytics</c>).</summary>
public sealed class AnalyticsOptions
{
    public const string SectionName = "Analytics";

    /// <summary>IANA time zone of the native API's buckets when a request names none (the workspace's zone). Default UTC.</summary>
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>
    /// Whether series of UTC days grouped by workspace, team, surface, client, model or agent read the user-free daily
    /// rollups where they answer exactly, and whether active-user counts of whole UTC days read each user's last active
    /// day or the membership rows (see <see cref="Core.Analytics.DailyGroupRollup"/>). Default true; false reads the
    /// per-user rollups for every series and count, as before: the same answers, slower. A diagnostic switch and the
    /// baseline the equivalence tests compare against.
    /// </summary>
    public bool UseUserFreeRollups { get; set; } = true;
}
