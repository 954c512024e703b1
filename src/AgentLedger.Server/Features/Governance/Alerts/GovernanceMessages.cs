using System.Globalization;
using System.Text.Json.Nodes;
using AgentLedger.Core.Governance;
using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Governance.Reports;

namespace AgentLedger.Server.Features.Governance.Alerts;

/// <summary>Builds the notifications (payload, subject and text) of budget thresholds, usage anomalies and scheduled reports.</summary>
public static class GovernanceMessages
{
    public static string BudgetDedupeKey(BudgetStatus status, int threshold) =>
        $"budget:{status.Budget.BudgetId}:{status.Window.Start.ToString(CultureInfo.InvariantCulture)}:{threshold.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The dedupe key of a scheduled report (unique per workspace): one per schedule and period start.</summary>
    public static string ReportDedupeKey(ReportSchedule schedule, long periodStart) =>
        $"report:{GovernanceNames.Of(schedule)}:{periodStart.ToString(CultureInfo.InvariantCulture)}";

    public static GovernanceNotification BudgetThreshold(BudgetStatus status, int threshold, DateTimeOffset now)
    {
        var budget = status.Budget;
        var unit = budget.Unit == BudgetUnit.Usd ? "USD" : "credits";
        var subject = string.Create(CultureInfo.InvariantCulture,
            $"Budget \"{budget.Name}\" reached {threshold}%: {ReportFormat.Money(status.Spend)} of {ReportFormat.Money(budget.Amount)} {unit}");
        var scope = budget.Scope == BudgetScopeKind.Workspace ? "the whole workspace" : $"{GovernanceNames.Of(budget.Scope)} {budget.ScopeValue}";
        var text = string.Join('\n',
            $"Scope: {scope}",
            $"Period: {GovernanceNames.Of(budget.Period)} from {status.Window.StartTime:u} to {status.Window.EndTime:u} ({budget.TimeZone}); resets at {status.Window.EndTime:u}",
            $"Spend so far: {ReportFormat.Money(status.Spend)} {unit} ({status.Percent.ToString("0.##", CultureInfo.InvariantCulture)}% of {ReportFormat.Money(budget.Amount)})",
            $"Forecast to period end: {ReportFormat.Money(status.Forecast)} {unit}",
            budget.Mode == BudgetMode.Block
                ? "Mode: block. At 100% the gateway refuses requests in scope until the reset."
                : "Mode: alert only.");
        var id = RecordIds.NewId(now);
        return new GovernanceNotification(budget.WorkspaceId, id, BudgetDedupeKey(status, threshold), NotificationKinds.BudgetThreshold, subject,
            new JsonObject
            {
                ["type"] = NotificationKinds.BudgetThreshold,
                ["id"] = id,
                ["workspace_id"] = budget.WorkspaceId,
                ["raised_at"] = now,
                ["threshold_percent"] = threshold,
                ["budget"] = new JsonObject
                {
                    ["id"] = budget.BudgetId,
                    ["name"] = budget.Name,
                    ["scope"] = GovernanceNames.Of(budget.Scope),
                    ["scope_value"] = budget.ScopeValue,
                    ["period"] = GovernanceNames.Of(budget.Period),
                    ["unit"] = GovernanceNames.Of(budget.Unit),
                    ["amount"] = budget.Amount,
                    ["mode"] = GovernanceNames.Of(budget.Mode),
                    ["time_zone"] = budget.TimeZone,
                },
                ["period_start"] = status.Window.StartTime,
                ["period_end"] = status.Window.EndTime,
                ["resets_at"] = status.Window.EndTime,
                ["spend"] = status.Spend,
                ["percent"] = status.Percent,
                ["forecast"] = status.Forecast,
                [AlertText.TextProperty] = text,
            },
            now);
    }

    public static GovernanceNotification UsageAnomaly(
        string workspaceId, string user, string? email, DateOnly day, decimal credits, UsageAnomalyVerdict verdict, UsageAnomalyRule rule, string userKey,
        DateTimeOffset now)
    {
        var who = email ?? user;
        var subject = string.Create(CultureInfo.InvariantCulture,
            $"Usage anomaly: {who} used {ReportFormat.Money(credits)} credits on {day:yyyy-MM-dd}, {ReportFormat.Money(verdict.BaselineMean)} a day before");
        var text = string.Join('\n',
            string.Create(CultureInfo.InvariantCulture, $"User: {who}"),
            string.Create(CultureInfo.InvariantCulture, $"Credits on {day:yyyy-MM-dd} (UTC) so far: {ReportFormat.Money(credits)}"),
            string.Create(CultureInfo.InvariantCulture,
                $"Baseline over the {rule.BaselineDays} days before: {ReportFormat.Money(verdict.BaselineMean)} a day (standard deviation {ReportFormat.Money(verdict.BaselineDeviation)}, active on {verdict.ActiveBaselineDays} days)"),
            string.Create(CultureInfo.InvariantCulture,
                $"Rule: at least {rule.Factor}× the baseline, {rule.Deviations} standard deviations above it and {ReportFormat.Money(rule.MinCredits)} credits."));
        var id = RecordIds.NewId(now);
        var payload = new JsonObject
        {
            ["type"] = NotificationKinds.UsageAnomaly,
            ["id"] = id,
            ["workspace_id"] = workspaceId,
            ["raised_at"] = now,
            ["user_id"] = user,
            ["day"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["credits"] = credits,
            ["baseline_mean"] = verdict.BaselineMean,
            ["baseline_deviation"] = verdict.BaselineDeviation,
            ["baseline_active_days"] = verdict.ActiveBaselineDays,
            [AlertText.TextProperty] = text,
        };
        if (email is not null)
        {
            payload["user_email"] = email;
        }

        return new GovernanceNotification(workspaceId, id, $"anomaly:{userKey}:{day:yyyy-MM-dd}", NotificationKinds.UsageAnomaly, subject, payload, now);
    }

    public static GovernanceNotification Report(LeadershipReport report, ReportSchedule schedule, DateOnly day, JsonObject reportJson, DateTimeOffset now)
    {
        var subject = string.Create(CultureInfo.InvariantCulture,
            $"AI coding agents {(schedule == ReportSchedule.Monthly ? "monthly" : "weekly")} report, {ReportFormat.Date(report.From)} to {ReportFormat.Date(report.To.AddDays(-1))}");
        var text = string.Join('\n',
            $"Active users: {ReportFormat.Count(report.Current.ActiveUsers)} ({ReportFormat.Change(report.Current.ActiveUsers, report.Previous.ActiveUsers)} vs previous period)",
            $"Credits: {ReportFormat.Money(report.Current.Credits)} ({ReportFormat.Change(report.Current.Credits, report.Previous.Credits)})",
            $"Cost: {ReportFormat.Usd(report.Current.CostUsd)} ({ReportFormat.Change(report.Current.CostUsd, report.Previous.CostUsd)})",
            $"Code reviews: {ReportFormat.Count(report.Reviews.Reviews)}, engaged comments {report.Reviews.EngagementPercent.ToString("0.0", CultureInfo.InvariantCulture)}%",
            string.Join(", ", report.ActiveUsersBySurface.Select(s => $"{s.Surface} {ReportFormat.Count(s.ActiveUsers)}")));
        var id = RecordIds.NewId(now);
        return new GovernanceNotification(report.WorkspaceId, id,
            ReportDedupeKey(schedule, report.From.ToUnixTimeSeconds()), NotificationKinds.LeadershipReport,
            subject,
            new JsonObject
            {
                ["type"] = NotificationKinds.LeadershipReport,
                ["id"] = id,
                ["workspace_id"] = report.WorkspaceId,
                ["raised_at"] = now,
                [LeadershipReportService.PeriodProperty] = GovernanceNames.Of(schedule),
                [LeadershipReportService.DayProperty] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                [LeadershipReportService.TimeZoneProperty] = report.TimeZone,
                ["report"] = reportJson,
                [AlertText.TextProperty] = text,
            },
            now);
    }
}
