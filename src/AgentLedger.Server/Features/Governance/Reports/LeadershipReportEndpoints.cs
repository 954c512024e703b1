using System.ComponentModel;
using System.Globalization;
using System.Text;
using AgentLedger.Core.Analytics;
using AgentLedger.Core.Governance;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Analytics.Native;

namespace AgentLedger.Server.Features.Governance.Reports;

/// <summary>
/// The leadership report as JSON, a printable HTML page or a PDF:
/// <c>GET /api/v1/analytics/workspaces/{workspace_id}/reports/leadership</c> (analytics.read). Privacy controls apply.
/// </summary>
public static class LeadershipReportEndpoints
{
    public static IEndpointRouteBuilder MapLeadershipReport(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/analytics/workspaces/{workspace_id}/reports").RequireOwnWorkspace().RequireScope(ApiKeyScope.AnalyticsRead)
            .WithTags("Analytics")
            .MapGet("/leadership", GetAsync).WithName("LeadershipReport")
            .WithSummary("Adoption and cost summary of a week or month: active users by surface and trend, top teams, credits and cost by model, code review, period over period.")
            .Produces<LeadershipReport>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
        return routes;
    }

    public static async Task<IResult> GetAsync(
        [AsParameters] WorkspaceRoute route,
        [Description("week (default, ISO week from Monday) or month.")] string? period,
        [Description("A day inside the period, YYYY-MM-DD (default: the last complete period).")] string? date,
        [Description("IANA time zone of the period (default: the workspace's report time zone).")] string? time_zone,
        [Description("json (default), html or pdf.")] string? format,
        LeadershipReportService reports, IGovernanceStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        ReportSchedule schedule;
        switch (period?.ToLowerInvariant())
        {
            case null or "week" or "weekly":
                schedule = ReportSchedule.Weekly;
                break;
            case "month" or "monthly":
                schedule = ReportSchedule.Monthly;
                break;
            default:
                return new SeriesParameterError("period", $"'{period}' is not one of: week, month.").ToProblem();
        }

        var kind = (format ?? "json").ToLowerInvariant();
        if (kind is not ("json" or "html" or "pdf"))
        {
            return new SeriesParameterError("format", $"'{format}' is not one of: json, html, pdf.").ToProblem();
        }

        var settings = await store.FindSettingsAsync(route.WorkspaceId, cancellationToken).ConfigureAwait(false) ?? GovernanceSettings.DefaultFor(route.WorkspaceId);
        var zone = time_zone ?? settings.ReportTimeZone;
        LeadershipReport report;
        try
        {
            var calendar = BucketCalendar.Create(zone, AnalyticsBucket.Day);
            DateOnly day;
            if (date is null)
            {
                var today = calendar.LocalDateOf(time.GetUtcNow().ToUnixTimeSeconds());
                day = schedule == ReportSchedule.Monthly ? new DateOnly(today.Year, today.Month, 1).AddDays(-1) : today.AddDays(-7);
            }
            else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                return new SeriesParameterError("date", $"'{date}' is not a date (YYYY-MM-DD).").ToProblem();
            }

            report = await reports.BuildAsync(route.WorkspaceId, schedule, day, zone, cancellationToken).ConfigureAwait(false);
        }
        catch (AnalyticsQueryException ex)
        {
            return new SeriesParameterError(ex.Parameter, ex.Message).ToProblem();
        }

        switch (kind)
        {
            case "html":
                return TypedResults.Content(await reports.HtmlAsync(report, cancellationToken).ConfigureAwait(false), "text/html", Encoding.UTF8);
            case "pdf":
                try
                {
                    var pdf = await reports.PdfAsync(report, cancellationToken).ConfigureAwait(false);
                    return TypedResults.File(pdf, "application/pdf", $"leadership-report-{ReportFormat.Date(report.From)}.pdf");
                }
                catch (ReportRenderException ex)
                {
                    return TypedResults.Problem(detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF unavailable");
                }

            default:
                return TypedResults.Ok(report);
        }
    }
}
