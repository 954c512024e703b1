using AgentLedger.Core.Integrations;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using AgentLedger.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Integrations.GitHub;

/// <summary><c>/api/v1/workspaces/{workspace_id}/integrations/github</c>: the webhook secret and reviewer bot logins (admin).</summary>
public static class GitHubIntegrationEndpoints
{
    public const int MinSecretLength = 16;

    public static IEndpointRouteBuilder MapGitHubIntegration(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/workspaces/{workspace_id}/integrations/github").RequireOwnWorkspace()
            .RequireScope(ApiKeyScope.Admin).WithTags("Integrations");
        group.MapGet("/", GetAsync).WithName("GetGitHubIntegration").WithSummary("The workspace's GitHub webhook settings (never the secret).");
        group.MapPut("/", PutAsync).WithName("PutGitHubIntegration").WithSummary("Sets the webhook secret and the reviewer bot logins.");
        return routes;
    }

    public static async Task<Results<Ok<GitHubIntegrationResponse>, ProblemHttpResult>> GetAsync(
        [AsParameters] WorkspaceRoute route, IGitHubIntegrationStore store, CancellationToken cancellationToken)
    {
        var integration = await store.FindAsync(route.WorkspaceId, cancellationToken).ConfigureAwait(false);
        return integration is null
            ? TypedResults.Problem(detail: "No GitHub integration is configured for this workspace.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(ToResponse(integration));
    }

    public static async Task<Results<Ok<GitHubIntegrationResponse>, ValidationProblem>> PutAsync(
        [AsParameters] WorkspaceRoute route, GitHubIntegrationRequest request, IGitHubIntegrationStore store, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.WebhookSecret is null || request.WebhookSecret.Length < MinSecretLength)
        {
            errors["webhook_secret"] = [$"webhook_secret must be at least {MinSecretLength} characters."];
        }

        var logins = (request.ReviewerLogins ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).ToList();
        if (logins.Count == 0)
        {
            errors["reviewer_logins"] = ["reviewer_logins needs at least one GitHub login of a reviewer bot."];
        }

        var clientId = ClientId.CodexGitHub;
        if (request.ClientId is not null && !ClientCatalog.TryParse(request.ClientId, out clientId))
        {
            errors["client_id"] = [$"client_id '{request.ClientId}' is not a known client id."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(v => v)));
        }

        var integration = new GitHubIntegration(route.WorkspaceId, request.WebhookSecret!, logins, clientId);
        await store.SaveAsync(integration, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(ToResponse(integration));
    }

    private static GitHubIntegrationResponse ToResponse(GitHubIntegration integration) =>
        new(integration.ReviewerLogins.Select(l => l.ToLowerInvariant()).ToList(), WireNames.Of(integration.ClientId), true,
            $"{GitHubWebhookEndpoints.WebhookPath}?workspace_id={integration.WorkspaceId}");
}
