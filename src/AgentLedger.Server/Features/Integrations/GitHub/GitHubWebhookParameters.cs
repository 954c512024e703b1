using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace AgentLedger.Server.Features.Integrations.GitHub;

/// <summary>What identifies and authenticates a GitHub delivery.</summary>
public sealed record GitHubWebhookParameters
{
    /// <summary>The workspace the webhook belongs to: configure the payload URL as <c>…/webhook?workspace_id=acme</c>.</summary>
    [Description("The workspace the webhook belongs to: configure the payload URL as …/webhook?workspace_id=acme.")]
    [FromQuery(Name = "workspace_id")]
    public string? WorkspaceId { get; init; }

    /// <summary>GitHub's event name (pull_request_review, pull_request_review_comment, ping, …).</summary>
    [Description("GitHub's event name (pull_request_review, pull_request_review_comment, ping, …).")]
    [FromHeader(Name = "X-GitHub-Event")]
    public string? Event { get; init; }

    /// <summary>GitHub's delivery id; a redelivery repeats it.</summary>
    [Description("GitHub's delivery id; a redelivery repeats it.")]
    [FromHeader(Name = "X-GitHub-Delivery")]
    public string? Delivery { get; init; }

    /// <summary><c>sha256=</c> and the hex HMAC-SHA256 of the body keyed with the workspace's webhook secret.</summary>
    [Description("sha256= and the hex HMAC-SHA256 of the body keyed with the workspace's webhook secret.")]
    [FromHeader(Name = GitHubWebhookSignature.Header)]
    public string? Signature { get; init; }
}
