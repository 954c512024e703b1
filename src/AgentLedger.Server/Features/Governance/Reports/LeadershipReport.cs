namespace AgentLedger.Server.Features.Governance.Reports;

/// <summary>
/// The leadership report of one period (an ISO week or a calendar month in the report's time zone), compared with the
/// period before. Aggregates only; <see cref="TopUsers"/> is present only where the workspace allows names, and holds
/// pseudonyms when it pseudonymises users. Every figure comes from the rollups.
/// </summary>
/// <param name="Period"><c>week</c> or <c>month</c>.</param>
/// <param name="From">Period start (local midnight, with the zone's offset).</param>
/// <param name="To">Period end, exclusive.</param>
/// <param name="PreviousFrom">Start of the period compared with (it ends at <paramref name="From"/>).</param>
/// <param name="Weeks">The ISO weeks ending with the period (up to eight), oldest first, for trends and week over week.</param>
/// <param name="SuppressedTeams">Teams left out because fewer users than the workspace's minimum group size make them up.</param>
public sealed record LeadershipReport(
    string WorkspaceId,
    string Period,
    string TimeZone,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset PreviousFrom,
    ReportTotals Current,
    ReportTotals Previous,
    IReadOnlyList<ReportSurface> ActiveUsersBySurface,
    IReadOnlyList<ReportWeek> Weeks,
    IReadOnlyList<ReportTeam> TopTeams,
    int SuppressedTeams,
    int MinGroupSize,
    IReadOnlyList<ReportModel> Models,
    ReportReviews Reviews,
    ReportReviews PreviousReviews,
    IReadOnlyList<ReportUser>? TopUsers,
    bool Pseudonymised,
    DateTimeOffset GeneratedAt);

/// <summary>Workspace totals of a period.</summary>
/// <param name="ActiveUsers">Users with any record in the period.</param>
public sealed record ReportTotals(int ActiveUsers, decimal Credits, decimal CostUsd, long Threads, long Turns);

/// <summary>Active users of one surface in the period and the period before.</summary>
public sealed record ReportSurface(string Surface, int ActiveUsers, int PreviousActiveUsers);

/// <summary>One ISO week of the trend: active users (all and per surface) and credits.</summary>
public sealed record ReportWeek(DateTimeOffset WeekStart, int ActiveUsers, decimal Credits, decimal CostUsd, IReadOnlyDictionary<string, int> ActiveUsersBySurface);

/// <summary>One team's figures in the period (only teams of at least the minimum group size).</summary>
public sealed record ReportTeam(string Team, int ActiveUsers, decimal Credits, decimal CostUsd, decimal PreviousCredits);

/// <summary>Credits and cost of one model in the period and credits in the period before; <c>other</c> for records without a model.</summary>
public sealed record ReportModel(string Model, decimal Credits, decimal CostUsd, decimal PreviousCredits);

/// <summary>AI code review volume and engagement with its comments.</summary>
/// <param name="EngagedComments">Comments of the period with a reply or a reaction so far.</param>
public sealed record ReportReviews(long Reviews, long Comments, long Replies, long Upvotes, long Downvotes, long OtherReactions, long EngagedComments)
{
    /// <summary>Engaged comments per comment, in percent, one decimal.</summary>
    public decimal EngagementPercent => Comments == 0 ? 0 : decimal.Round(EngagedComments * 100m / Comments, 1);
}

/// <summary>A top user by credits (only where the workspace allows names): e-mail, or pseudonym when pseudonymised.</summary>
public sealed record ReportUser(string User, decimal Credits, long Turns);
