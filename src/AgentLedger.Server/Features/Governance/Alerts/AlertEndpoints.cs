using System.ComponentModel;
using System.Net.Mail;
using System.Text.Json.Nodes;
using AgentLedger.Core.Governance;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Compliance.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Governance.Alerts;

/// <summary>Alert channels and the record of alerts and reports sent, under <c>/api/v1/workspaces/{workspace_id}</c> (admin scope).</summary>
public static class AlertEndpoints
{
    public const int MaxRecipients = 50;

    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/workspaces/{workspace_id}").RequireOwnWorkspace().RequireScope(ApiKeyScope.Admin).WithTags("Budgets");
        group.MapGet("/alert_channels", ListChannelsAsync).WithName("ListAlertChannels")
            .WithSummary("Where alerts and reports go: signed webhooks, Slack-compatible incoming webhooks, e-mail.");
        group.MapPost("/alert_channels", CreateChannelAsync).WithName("CreateAlertChannel")
            .WithSummary("Adds a channel; later alerts and reports are delivered to it as well.");
        group.MapDelete("/alert_channels/{channel_id}", DeleteChannelAsync).WithName("DeleteAlertChannel")
            .WithSummary("Removes a channel; its pending deliveries are abandoned.");
        group.MapGet("/alerts", ListAlertsAsync).WithName("ListAlerts")
            .WithSummary("Budget alerts, usage anomalies and scheduled reports raised, newest first, with each channel's delivery.");
        return routes;
    }

    public static async Task<Ok<IReadOnlyList<AlertChannelView>>> ListChannelsAsync(
        [AsParameters] WorkspaceRoute route, IGovernanceStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<AlertChannelView>>(
            (await store.ListChannelsAsync(route.WorkspaceId, cancellationToken).ConfigureAwait(false)).Select(ToView).ToList());

    public static async Task<Results<Created<AlertChannelView>, ValidationProblem>> CreateChannelAsync(
        [AsParameters] WorkspaceRoute route, AlertChannelRequest request, IGovernanceStore store, ComplianceAuditor auditor, TimeProvider time,
        HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["name"] = ["name is required, 1 to 200 characters."];
        }

        if (!GovernanceNames.TryParse<AlertChannelKind>(request.Kind, out var kind))
        {
            errors["kind"] = [$"kind is required, one of: {GovernanceNames.All<AlertChannelKind>()}."];
        }

        string target = "";
        if (kind is AlertChannelKind.Webhook or AlertChannelKind.Slack)
        {
            if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                errors["url"] = ["url is required: an absolute http or https URL."];
            }
            else
            {
                target = url.AbsoluteUri;
            }

            if (kind == AlertChannelKind.Webhook && (request.Secret is null || request.Secret.Length < 16))
            {
                errors["secret"] = ["secret is required for a webhook: at least 16 characters, shared with the receiver to verify X-AgentLedger-Signature."];
            }
        }
        else if (kind == AlertChannelKind.Email)
        {
            var recipients = request.Recipients ?? [];
            var bad = recipients.FirstOrDefault(r => !MailAddress.TryCreate(r, out var address) || address.Address != r.Trim());
            if (recipients.Length is 0 or > MaxRecipients || bad is not null)
            {
                errors["recipients"] = [bad is null
                    ? $"recipients needs 1 to {MaxRecipients} e-mail addresses."
                    : $"'{bad}' is not an e-mail address."];
            }
            else
            {
                target = string.Join(',', recipients.Select(r => r.Trim()));
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid alert channel");
        }

        var now = time.GetUtcNow();
        var channel = new AlertChannel(route.WorkspaceId, RecordIds.NewId(now), name!, kind, target, kind == AlertChannelKind.Webhook ? request.Secret : null,
            new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero));
        await store.SaveChannelAsync(channel, cancellationToken).ConfigureAwait(false);
        await auditor.RecordAsync(http, GovernanceAuditActions.ChannelSaved, ApiKeyScope.Admin,
            new JsonObject { ["channel_id"] = channel.ChannelId, ["kind"] = GovernanceNames.Of(kind), ["name"] = channel.Name }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/workspaces/{route.WorkspaceId}/alert_channels/{channel.ChannelId}", ToView(channel));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteChannelAsync(
        [AsParameters] WorkspaceRoute route, [Description("The channel id.")] string channel_id, IGovernanceStore store, ComplianceAuditor auditor,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (!await store.DeleteChannelAsync(route.WorkspaceId, channel_id, cancellationToken).ConfigureAwait(false))
        {
            return TypedResults.Problem(detail: $"No alert channel '{channel_id}' in this workspace.", statusCode: StatusCodes.Status404NotFound);
        }

        await auditor.RecordAsync(http, GovernanceAuditActions.ChannelDeleted, ApiKeyScope.Admin, new JsonObject { ["channel_id"] = channel_id }, cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<NotificationPage>, ProblemHttpResult>> ListAlertsAsync(
        [AsParameters] WorkspaceRoute route, [Description("next_page of the previous page: notifications older than this id.")] string? before,
        [Description("Notifications per page, 1 to 200 (default 50).")] int? limit, IGovernanceStore store, CancellationToken cancellationToken)
    {
        var size = limit ?? 50;
        if (size is < 1 or > 200)
        {
            return TypedResults.Problem(detail: "limit must be between 1 and 200.", statusCode: StatusCodes.Status400BadRequest);
        }

        var page = await store.ListNotificationsAsync(route.WorkspaceId, before, size + 1, cancellationToken).ConfigureAwait(false);
        var views = new List<NotificationView>();
        foreach (var n in page.Take(size))
        {
            var deliveries = await store.ListDeliveriesAsync(route.WorkspaceId, n.NotificationId, cancellationToken).ConfigureAwait(false);
            views.Add(new NotificationView(n.NotificationId, n.Kind, n.Subject, n.CreatedAt, n.Payload,
                deliveries.Select(d => new DeliveryView(d.ChannelId, GovernanceNames.Of(d.Status), d.Attempts, d.DeliveredAt, d.NextAttemptAt, d.LastError)).ToList()));
        }

        var hasMore = page.Count > size;
        return TypedResults.Ok(new NotificationPage(views, hasMore, hasMore ? views[^1].Id : null));
    }

    public static AlertChannelView ToView(AlertChannel channel) => new(
        channel.ChannelId, channel.Name, GovernanceNames.Of(channel.Kind),
        channel.Kind == AlertChannelKind.Email ? channel.Target : new Uri(channel.Target).GetLeftPart(UriPartial.Authority),
        channel.CreatedAt);
}
