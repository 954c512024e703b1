using System.Text.Json;
using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Integrations;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Ingestion;
using AgentLedger.Server.Features.Limits;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Integrations.GitHub;

/// <summary>
/// <c>POST /api/v1/integrations/github/webhook?workspace_id=…</c>: GitHub deliveries about AI code review, verified
/// with the workspace's secret and stored through the same group-commit writer as every other source.
/// </summary>
public static partial class GitHubWebhookEndpoints
{
    public const string WebhookPath = "/api/v1/integrations/github/webhook";

    public static IEndpointRouteBuilder MapGitHubWebhook(this IEndpointRouteBuilder routes)
    {
        // The signature is the authentication: GitHub cannot send an API key.
        routes.MapPost(WebhookPath, ReceiveAsync).AllowAnonymous().WithMetadata(new IngestBodyLimit()).WithName("GitHubWebhook").WithTags("Integrations")
            .WithSummary("Receives GitHub webhook deliveries (reviews, review comments, replies, reactions) for a workspace.");
        return routes;
    }

    public static async Task<Results<Ok<GitHubWebhookResponse>, ProblemHttpResult>> ReceiveAsync(
        [AsParameters] GitHubWebhookParameters parameters,
        HttpRequest request,
        IngestBodyReader bodyReader,
        IGitHubIntegrationStore integrations,
        GitHubWebhookMapper mapper,
        IngestBatchWriter writer,
        TimeProvider time,
        ILogger<GitHubWebhookMapper> logger,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(parameters.Event) || string.IsNullOrEmpty(parameters.Delivery))
        {
            return Problem(StatusCodes.Status400BadRequest, "X-GitHub-Event and X-GitHub-Delivery headers are required.");
        }

        var body = await bodyReader.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (body.Bytes is null)
        {
            return Problem(body.Error == IngestBodyError.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, body.Message!);
        }

        var integration = WorkspaceIds.IsValid(parameters.WorkspaceId)
            ? await integrations.FindAsync(parameters.WorkspaceId!, cancellationToken).ConfigureAwait(false)
            : null;
        // One answer for an unknown workspace and a bad signature, so the endpoint reveals nothing about workspaces.
        if (integration is null || !GitHubWebhookSignature.IsValid(integration.WebhookSecret, body.Bytes, parameters.Signature))
        {
            LogRejected(logger, parameters.Delivery, parameters.Event);
            return Problem(StatusCodes.Status401Unauthorized,
                $"{GitHubWebhookSignature.Header} does not verify with the webhook secret of workspace '{parameters.WorkspaceId}'.");
        }

        GitHubWebhookMapping mapping;
        try
        {
            using var payload = JsonDocument.Parse(body.Bytes);
            mapping = await mapper.MapAsync(parameters.Event, parameters.Delivery, payload.RootElement, integration, time.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return Problem(StatusCodes.Status400BadRequest, $"The {parameters.Event} payload is not one GitHub sends: {ex.Message}");
        }

        var outcomes = await writer.WriteAsync(mapping.Records, cancellationToken).ConfigureAwait(false);
        var stored = outcomes.Count(o => o.Stored);
        LogDelivery(logger, parameters.Delivery, parameters.Event, integration.WorkspaceId, stored, outcomes.Count - stored);
        return TypedResults.Ok(new GitHubWebhookResponse(parameters.Delivery, parameters.Event, stored, outcomes.Count - stored, mapping.Ignored));
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub delivery {Delivery} ({Event}) rejected: unknown workspace or bad signature")]
    private static partial void LogRejected(ILogger logger, string delivery, string @event);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub delivery {Delivery} ({Event}) for {WorkspaceId}: {Stored} records stored, {Duplicates} duplicates")]
    private static partial void LogDelivery(ILogger logger, string delivery, string @event, string workspaceId, int stored, int duplicates);
}
