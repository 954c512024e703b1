using AgentLedger.Core.Analytics;
using AgentLedger.Core.Governance;

namespace AgentLedger.Server.Features.Governance.Privacy;

/// <summary>
/// A workspace's privacy controls as the analytics output path applies them (see <see cref="AnalyticsPrivacy"/>):
/// user ids become stable keyed-hash pseudonyms and e-mails are withheld when pseudonymisation is on, and a row that
/// aggregates a team (grouped by team, or filtered to teams) is suppressed when fewer than
/// <see cref="GovernanceSettings.MinGroupSize"/> users make it up.
/// </summary>
public sealed class PrivacyPolicy(GovernanceSettings settings)
{
    public static readonly IReadOnlyDictionary<string, string> NoEmails = new Dictionary<string, string>();

    public GovernanceSettings Settings { get; } = settings;

    public bool Pseudonymise => Settings.PseudonymiseUsers;

    /// <summary>The user id as outputs show it: the pseudonym when pseudonymisation is on.</summary>
    public string UserId(string userId) => Pseudonymise && userId.Length > 0 ? Pseudonyms.Of(Settings.PseudonymKey, userId) : userId;

    /// <summary>The e-mail as outputs show it: never when pseudonymisation is on.</summary>
    public string? Email(string? email) => Pseudonymise ? null : email;

    /// <summary>The e-mails a mapper may use: none when pseudonymisation is on.</summary>
    public IReadOnlyDictionary<string, string> Emails(IReadOnlyDictionary<string, string> emails) => Pseudonymise ? NoEmails : emails;

    /// <summary>Whether rows of this query are team aggregates, subject to the minimum group size.</summary>
    public bool AggregatesTeams(AnalyticsQuery query) =>
        query.GroupBy != AnalyticsGroupBy.User && (query.GroupBy == AnalyticsGroupBy.Team || query.Scope.Filter.Teams.Count > 0);

    /// <summary>The rows that may be shown: team aggregates of fewer than the minimum group size of users are dropped.</summary>
    public IReadOnlyList<AnalyticsSeriesRow> Visible(AnalyticsQuery query, IReadOnlyList<AnalyticsSeriesRow> rows) =>
        Settings.SuppressesTeams && AggregatesTeams(query) ? rows.Where(r => r.ActiveUsers >= Settings.MinGroupSize).ToList() : rows;

    /// <summary>Whether a team with <paramref name="users"/> users may be shown.</summary>
    public bool ShowsTeam(int users) => !Settings.SuppressesTeams || users >= Settings.MinGroupSize;
}
