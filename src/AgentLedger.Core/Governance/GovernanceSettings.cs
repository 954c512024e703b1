namespace AgentLedger.Core.Governance;

/// <summary>
/// A workspace's privacy controls over every analytics output, and its report schedule.
/// </summary>
/// <param name="PseudonymiseUsers">Replace users' ids and e-mails by stable keyed-hash pseudonyms in every analytics output.</param>
/// <param name="MinGroupSize">A team's figures are suppressed where fewer users than this make them up; 0 or 1: off.</param>
/// <param name="ReportShowNames">The leadership report may name users (top users); pseudonyms when <see cref="PseudonymiseUsers"/>.</param>
/// <param name="PseudonymKey">The workspace's HMAC key for pseudonyms (32 random bytes, made once; never returned by the API).</param>
public sealed record GovernanceSettings(
    string WorkspaceId,
    bool PseudonymiseUsers,
    int MinGroupSize,
    bool ReportShowNames,
    ReportSchedule ReportSchedule,
    string ReportTimeZone,
    byte[] PseudonymKey,
    DateTimeOffset UpdatedAt)
{
    public const int MaxMinGroupSize = 1000;

    /// <summary>The settings of a workspace that never saved any: everything off, UTC.</summary>
    public static GovernanceSettings DefaultFor(string workspaceId) =>
        new(workspaceId, false, 0, false, ReportSchedule.Off, "UTC", [], DateTimeOffset.UnixEpoch);

    public bool SuppressesTeams => MinGroupSize > 1;
}
