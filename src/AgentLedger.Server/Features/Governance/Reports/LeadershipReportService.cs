using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentLedger.Core.Governance;
using AgentLedger.Core.Keys;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Governance.Reports;

/// <summary>Builds a report and renders it as JSON, HTML or PDF; the scheduled deliveries and the endpoint both use it.</summary>
public sealed class LeadershipReportService(
    LeadershipReportBuilder builder, ChromiumPdfPrinter printer, IWorkspaceStore workspaces, IOptions<JsonOptions> json)
{
    public const string PeriodProperty = "period";
    public const string DayProperty = "day";
    public const string TimeZoneProperty = "time_zone";

    public Task<LeadershipReport> BuildAsync(string workspaceId, ReportSchedule period, DateOnly day, string timeZone, CancellationToken cancellationToken) =>
        builder.BuildAsync(workspaceId, period, day, timeZone, cancellationToken);

    public async Task<string> HtmlAsync(LeadershipReport report, CancellationToken cancellationToken)
    {
        var workspace = await workspaces.FindWorkspaceAsync(report.WorkspaceId, cancellationToken).ConfigureAwait(false);
        return LeadershipReportHtml.Render(report, workspace?.Name ?? report.WorkspaceId);
    }

    public async Task<byte[]> PdfAsync(LeadershipReport report, CancellationToken cancellationToken) =>
        await printer.PrintAsync(await HtmlAsync(report, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    public JsonObject ToJson(LeadershipReport report) =>
        (JsonObject)JsonSerializer.SerializeToNode(report, json.Value.SerializerOptions)!;

    /// <summary>Rebuilds the report a scheduled notification is about (its payload names the period), for e-mail bodies and attachments.</summary>
    public Task<LeadershipReport> ForNotificationAsync(GovernanceNotification notification, CancellationToken cancellationToken)
    {
        var payload = notification.Payload;
        var period = GovernanceNames.Parse<ReportSchedule>(payload[PeriodProperty]!.GetValue<string>());
        var day = DateOnly.ParseExact(payload[DayProperty]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return BuildAsync(notification.WorkspaceId, period, day, payload[TimeZoneProperty]!.GetValue<string>(), cancellationToken);
    }
}
