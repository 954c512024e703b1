using System.Globalization;
using System.Text;
using static System.Net.WebUtility;

namespace AgentLedger.Server.Features.Governance.Reports;

/// <summary>
/// The report as one self-contained, printable HTML page (A4, inline CSS and SVG, no script), which is both what the
/// browser shows and what Chromium prints to PDF, so the two never differ.
/// </summary>
public static class LeadershipReportHtml
{
    private const string Style = """
        @page { size: A4; margin: 14mm 12mm; }
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1b2430; font-size: 10.5pt; margin: 0; }
        h1 { font-size: 18pt; margin: 0 0 2mm; } h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 1px solid #c9d2dc; padding-bottom: 1mm; }
        .meta { color: #556070; margin-bottom: 4mm; }
        .tiles { display: flex; gap: 3mm; } .tile { flex: 1; border: 1px solid #c9d2dc; border-radius: 2mm; padding: 2.5mm 3mm; }
        .tile .label { color: #556070; font-size: 9pt; } .tile .value { font-size: 15pt; font-weight: bold; } .tile .delta { font-size: 9pt; }
        table { border-collapse: collapse; width: 100%; } th, td { text-align: right; padding: 1.2mm 2mm; border-bottom: 1px solid #e3e8ee; }
        th:first-child, td:first-child { text-align: left; } th { color: #556070; font-weight: normal; font-size: 9pt; }
        .note { color: #556070; font-size: 8.5pt; margin-top: 2mm; } section { break-inside: avoid; }
        svg text { font-size: 8px; fill: #556070; }
        """;

    public static string Render(LeadershipReport report, string workspaceName)
    {
        var html = new StringBuilder(16_384);
        var title = $"AI coding agents: {(report.Period == "month" ? "monthly" : "weekly")} report";
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(HtmlEncode(title)).Append("</title><style>")
            .Append(Style).Append("</style></head><body>");
        html.Append("<h1>").Append(HtmlEncode(title)).Append("</h1><div class=\"meta\">Workspace ").Append(HtmlEncode(workspaceName))
            .Append(" · ").Append(ReportFormat.Date(report.From)).Append(" to ").Append(ReportFormat.Date(report.To.AddDays(-1)))
            .Append(" (").Append(HtmlEncode(report.TimeZone)).Append("), compared with ").Append(ReportFormat.Date(report.PreviousFrom))
            .Append(" to ").Append(ReportFormat.Date(report.From.AddDays(-1))).Append(" · generated ")
            .Append(report.GeneratedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("</div>");

        html.Append("<div class=\"tiles\">");
        Tile(html, "Active users", ReportFormat.Count(report.Current.ActiveUsers), report.Current.ActiveUsers, report.Previous.ActiveUsers);
        Tile(html, "Credits", ReportFormat.Money(report.Current.Credits), report.Current.Credits, report.Previous.Credits);
        Tile(html, "Cost", ReportFormat.Usd(report.Current.CostUsd), report.Current.CostUsd, report.Previous.CostUsd);
        Tile(html, "Code reviews", ReportFormat.Count(report.Reviews.Reviews), report.Reviews.Reviews, report.PreviousReviews.Reviews);
        html.Append("</div>");

        html.Append("<section><h2>Active users by surface</h2><table><tr><th>Surface</th><th>Active users</th><th>Previous period</th><th>Change</th></tr>");
        foreach (var s in report.ActiveUsersBySurface)
        {
            Row(html, s.Surface, ReportFormat.Count(s.ActiveUsers), ReportFormat.Count(s.PreviousActiveUsers), ReportFormat.Change(s.ActiveUsers, s.PreviousActiveUsers));
        }

        html.Append("</table></section>");
        WeeklyTrend(html, report);

        html.Append("<section><h2>Top teams by credits</h2><table><tr><th>Team</th><th>Active users</th><th>Credits</th><th>Cost</th><th>Change</th></tr>");
        foreach (var t in report.TopTeams)
        {
            Row(html, t.Team, ReportFormat.Count(t.ActiveUsers), ReportFormat.Money(t.Credits), ReportFormat.Usd(t.CostUsd), ReportFormat.Change(t.Credits, t.PreviousCredits));
        }

        html.Append("</table>");
        if (report.SuppressedTeams > 0)
        {
            html.Append("<div class=\"note\">").Append(report.SuppressedTeams.ToString(CultureInfo.InvariantCulture))
                .Append(" team(s) with fewer than ").Append(report.MinGroupSize.ToString(CultureInfo.InvariantCulture))
                .Append(" active users are not shown (the workspace's minimum group size).</div>");
        }

        html.Append("</section><section><h2>Credits and cost by model</h2><table><tr><th>Model</th><th>Credits</th><th>Cost</th><th>Change in credits</th></tr>");
        foreach (var m in report.Models)
        {
            Row(html, m.Model, ReportFormat.Money(m.Credits), ReportFormat.Usd(m.CostUsd), ReportFormat.Change(m.Credits, m.PreviousCredits));
        }

        html.Append("</table></section>");
        Reviews(html, report.Reviews, report.PreviousReviews);
        if (report.TopUsers is { } users)
        {
            html.Append("<section><h2>Top users by credits</h2><table><tr><th>User</th><th>Credits</th><th>Turns</th></tr>");
            foreach (var u in users)
            {
                Row(html, u.User, ReportFormat.Money(u.Credits), ReportFormat.Count(u.Turns));
            }

            html.Append("</table></section>");
        }

        html.Append("<div class=\"note\">Figures come from AgentLedger's hourly rollups. Active user: any record in the period. ")
            .Append("Credits: cost converted by the price book. ")
            .Append(report.Pseudonymised ? "Users are pseudonymised (stable hashed ids). " : "")
            .Append("No lines of code or acceptance rates are reported.</div></body></html>");
        return html.ToString();
    }

    private static void Tile(StringBuilder html, string label, string value, decimal now, decimal before) =>
        html.Append("<div class=\"tile\"><div class=\"label\">").Append(HtmlEncode(label)).Append("</div><div class=\"value\">").Append(HtmlEncode(value))
            .Append("</div><div class=\"delta\">").Append(HtmlEncode(ReportFormat.Change(now, before))).Append(" vs previous period</div></div>");

    private static void Row(StringBuilder html, params string[] cells)
    {
        html.Append("<tr>");
        foreach (var cell in cells)
        {
            html.Append("<td>").Append(HtmlEncode(cell)).Append("</td>");
        }

        html.Append("</tr>");
    }

    private static void WeeklyTrend(StringBuilder html, LeadershipReport report)
    {
        html.Append("<section><h2>Weekly trend</h2>");
        var max = Math.Max(1, report.Weeks.Count == 0 ? 1 : report.Weeks.Max(w => w.ActiveUsers));
        const int Width = 640, Height = 90, Bar = 60;
        html.Append(CultureInfo.InvariantCulture, $"<svg width=\"{Width}\" height=\"{Height + 14}\" viewBox=\"0 0 {Width} {Height + 14}\" role=\"img\" aria-label=\"Weekly active users\">");
        for (var i = 0; i < report.Weeks.Count; i++)
        {
            var week = report.Weeks[i];
            var h = (int)Math.Round((double)week.ActiveUsers / max * (Height - 12));
            var x = i * (Bar + 16);
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{Height - h}\" width=\"{Bar}\" height=\"{h}\" fill=\"#3d7cc9\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{Height + 11}\">{ReportFormat.Date(week.WeekStart)[5..]}</text>");
        }

        html.Append("</svg><table><tr><th>Week of</th><th>Active users</th><th>Week over week</th><th>Credits</th><th>Week over week</th></tr>");
        for (var i = 0; i < report.Weeks.Count; i++)
        {
            var week = report.Weeks[i];
            var before = i > 0 ? report.Weeks[i - 1] : null;
            Row(html, ReportFormat.Date(week.WeekStart), ReportFormat.Count(week.ActiveUsers),
                before is null ? "" : ReportFormat.Change(week.ActiveUsers, before.ActiveUsers), ReportFormat.Money(week.Credits),
                before is null ? "" : ReportFormat.Change(week.Credits, before.Credits));
        }

        html.Append("</table></section>");
    }

    private static void Reviews(StringBuilder html, ReportReviews now, ReportReviews before)
    {
        html.Append("<section><h2>AI code review</h2><table><tr><th>Measure</th><th>This period</th><th>Previous period</th><th>Change</th></tr>");
        Row(html, "Reviews", ReportFormat.Count(now.Reviews), ReportFormat.Count(before.Reviews), ReportFormat.Change(now.Reviews, before.Reviews));
        Row(html, "Review comments", ReportFormat.Count(now.Comments), ReportFormat.Count(before.Comments), ReportFormat.Change(now.Comments, before.Comments));
        Row(html, "Replies", ReportFormat.Count(now.Replies), ReportFormat.Count(before.Replies), ReportFormat.Change(now.Replies, before.Replies));
        Row(html, "Upvotes / downvotes", $"{ReportFormat.Count(now.Upvotes)} / {ReportFormat.Count(now.Downvotes)}",
            $"{ReportFormat.Count(before.Upvotes)} / {ReportFormat.Count(before.Downvotes)}", "");
        Row(html, "Engaged comments", $"{ReportFormat.Count(now.EngagedComments)} ({now.EngagementPercent.ToString("0.0", CultureInfo.InvariantCulture)}%)",
            $"{ReportFormat.Count(before.EngagedComments)} ({before.EngagementPercent.ToString("0.0", CultureInfo.InvariantCulture)}%)",
            ReportFormat.Change(now.EngagedComments, before.EngagedComments));
        html.Append("</table></section>");
    }
}
