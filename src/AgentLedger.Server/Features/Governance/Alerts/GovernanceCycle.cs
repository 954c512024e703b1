using AgentLedger.Core.Analytics;
using AgentLedger.Core.Governance;
using AgentLedger.Core.Jobs;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Governance.Privacy;
using AgentLedger.Server.Features.Governance.Reports;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Governance.Alerts;

/// <summary>
/// One round of the governance job, under the <see cref="JobName"/> lease (one instance at a time): raise the budget
/// thresholds crossed in the current period, the usage anomalies of today (UTC) and the reports whose period ended,
/// then send whatever deliveries are due. Raising is idempotent (dedupe keys), so a round repeated after a crash, or
/// by another instance, raises nothing twice.
/// </summary>
public sealed partial class GovernanceCycle(
    IJobLease leases,
    IGovernanceStore store,
    IWorkspaceStore workspaces,
    IAnalyticsReader reader,
    BudgetSpendReader spend,
    AlertRaiser raiser,
    NotificationDispatcher dispatcher,
    AnalyticsPrivacy privacy,
    LeadershipReportService reports,
    IOptions<GovernanceOptions> options,
    TimeProvider time,
    ILogger<GovernanceCycle> logger)
{
    public const string JobName = "governance.alerts";

    /// <summary>Report periods this instance raised or found raised; the store's dedupe key is what guarantees once.</summary>
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    /// <summary>Returns false, having done nothing, when another holder has the lease.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var lease = await leases.TryAcquireAsync(JobName, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            return false;
        }

        await EvaluateBudgetsAsync(cancellationToken).ConfigureAwait(false);
        if (options.Value.Anomaly.Enabled)
        {
            await EvaluateAnomaliesAsync(cancellationToken).ConfigureAwait(false);
        }

        await ScheduleReportsAsync(cancellationToken).ConfigureAwait(false);
        await dispatcher.DeliverDueAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task EvaluateBudgetsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var budget in await store.ListAllBudgetsAsync(cancellationToken).ConfigureAwait(false))
        {
            BudgetStatus status;
            try
            {
                status = await spend.StatusAsync(budget, now, cancellationToken).ConfigureAwait(false);
            }
            catch (AnalyticsQueryException ex)
            {
                // A zone the system no longer knows (tzdata changed): this budget waits, the others go on.
                LogBudgetSkipped(logger, budget.WorkspaceId, budget.BudgetId, ex.Message);
                continue;
            }

            foreach (var threshold in status.CrossedThresholds)
            {
                if (await raiser.RaiseAsync(GovernanceMessages.BudgetThreshold(status, threshold, now), cancellationToken).ConfigureAwait(false))
                {
                    LogBudgetAlert(logger, budget.WorkspaceId, budget.BudgetId, threshold);
                }
            }
        }
    }

    private async Task EvaluateAnomaliesAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Anomaly;
        var rule = new UsageAnomalyRule(settings.BaselineDays, settings.MinActiveDays, settings.MinCredits, settings.Factor, settings.Deviations);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var todayStart = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
        var from = todayStart - rule.BaselineDays * DailyRollup.DaySeconds;
        foreach (var workspace in await workspaces.ListWorkspacesAsync(cancellationToken).ConfigureAwait(false))
        {
            // Whole UTC days: answered by the daily rollup, one row per user, client and model and day.
            var cells = await reader.ReadCellsAsync(new AnalyticsScope(workspace.Id, AnalyticsFilter.None, AnalyticsActivity.Any), from,
                todayStart + DailyRollup.DaySeconds, null, null, cancellationToken).ConfigureAwait(false);
            var perUser = new Dictionary<string, decimal[]>(StringComparer.Ordinal);
            foreach (var cell in cells.Where(c => c.UserId.Length > 0 && c.Measures.Credits != 0))
            {
                var index = (int)((cell.HourStart - from) / DailyRollup.DaySeconds);
                if (!perUser.TryGetValue(cell.UserId, out var days))
                {
                    days = new decimal[rule.BaselineDays + 1];
                    perUser.Add(cell.UserId, days);
                }

                days[index] += cell.Measures.Credits;
            }

            PrivacyPolicy? policy = null;
            foreach (var (user, days) in perUser)
            {
                var verdict = rule.Judge(days[^1], days[..^1]);
                if (!verdict.Anomalous)
                {
                    continue;
                }

                policy ??= await privacy.ForWorkspaceAsync(workspace.Id, cancellationToken).ConfigureAwait(false);
                var email = policy.Pseudonymise
                    ? null
                    : (await reader.ReadUserEmailsAsync(workspace.Id, [user], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(user);
                var notification = GovernanceMessages.UsageAnomaly(workspace.Id, policy.UserId(user), email, today, days[^1], verdict, rule, user, now);
                if (await raiser.RaiseAsync(notification, cancellationToken).ConfigureAwait(false))
                {
                    LogAnomaly(logger, workspace.Id, policy.UserId(user));
                }
            }
        }
    }

    private async Task ScheduleReportsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var settings in await store.ListSettingsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (settings.ReportSchedule == ReportSchedule.Off)
            {
                continue;
            }

            // The period that ended last: the previous ISO week, or the previous month, in the report's zone.
            var calendar = BucketCalendar.Create(settings.ReportTimeZone, AnalyticsBucket.Day);
            var today = calendar.LocalDateOf(now.ToUnixTimeSeconds());
            var day = settings.ReportSchedule == ReportSchedule.Monthly ? new DateOnly(today.Year, today.Month, 1).AddDays(-1) : today.AddDays(-7);
            var (from, _, _) = LeadershipReportBuilder.Bounds(settings.ReportSchedule, day, calendar);
            var key = settings.WorkspaceId + "|" + GovernanceMessages.ReportDedupeKey(settings.ReportSchedule, from);
            if (_reported.Contains(key))
            {
                // Raised (here or by another instance) already: building the report again every round would only cost.
                continue;
            }

            var report = await reports.BuildAsync(settings.WorkspaceId, settings.ReportSchedule, day, settings.ReportTimeZone, cancellationToken)
                .ConfigureAwait(false);
            var notification = GovernanceMessages.Report(report, settings.ReportSchedule, day, reports.ToJson(report), now);
            if (await raiser.RaiseAsync(notification, cancellationToken).ConfigureAwait(false))
            {
                LogReport(logger, settings.WorkspaceId, report.From);
            }

            _reported.Add(key);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Budget {BudgetId} of workspace {WorkspaceId} crossed {Threshold}%")]
    private static partial void LogBudgetAlert(ILogger logger, string workspaceId, string budgetId, int threshold);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Budget {BudgetId} of workspace {WorkspaceId} skipped this round: {Reason}")]
    private static partial void LogBudgetSkipped(ILogger logger, string workspaceId, string budgetId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Usage anomaly of user {User} in workspace {WorkspaceId}")]
    private static partial void LogAnomaly(ILogger logger, string workspaceId, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leadership report of workspace {WorkspaceId} for the period from {From} scheduled")]
    private static partial void LogReport(ILogger logger, string workspaceId, DateTimeOffset from);
}
