namespace AgentLedger.Server.Features.Integrations.GitHub;

/// <summary>Registers and maps the GitHub integration (webhook receiver and its settings).</summary>
public static class GitHubIntegrationExtensions
{
    public static IServiceCollection AddAgentLedgerGitHub(this IServiceCollection services) => services.AddSingleton<GitHubWebhookMapper>();

    public static IEndpointRouteBuilder MapAgentLedgerGitHub(this IEndpointRouteBuilder routes)
    {
        routes.MapGitHubWebhook();
        routes.MapGitHubIntegration();
        return routes;
    }
}
