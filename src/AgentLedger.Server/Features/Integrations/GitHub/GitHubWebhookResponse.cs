namespace AgentLedger.Server.Features.Integrations.GitHub;

/// <summary>What AgentLedger did with a delivery.</summary>
/// <param name="Delivery">The X-GitHub-Delivery id.</param>
/// <param name="Event">The X-GitHub-Event name.</param>
/// <param name="Records">Records newly stored.</param>
/// <param name="Duplicates">Records already stored by an earlier delivery of the same activity.</param>
/// <param name="Ignored">Why nothing was recorded, when nothing was.</param>
public sealed record GitHubWebhookResponse(string Delivery, string Event, int Records, int Duplicates, string? Ignored);
