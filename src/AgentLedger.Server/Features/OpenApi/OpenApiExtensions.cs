using AgentLedger.Core.Analytics;
using AgentLedger.Core.Metrics;

namespace AgentLedger.Server.Features.OpenApi;

/// <summary>
/// The OpenAPI document, generated from the endpoints and their XML docs at <c>/openapi/v1.json</c> and committed as
/// docs/api/openapi.json (a test fails when the two differ).
/// </summary>
public static class OpenApiExtensions
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddAgentLedgerOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "AgentLedger API";
            document.Info.Version = "v1";
            document.Info.Description =
                "Self-hosted governance and observability for AI coding agents.\n\n" +
                "Metric definitions (docs/metrics.md):\n\n" +
                $"- **thread**: {MetricDefinitions.Thread}\n" +
                $"- **turn**: {MetricDefinitions.Turn}\n" +
                $"- **message**: {MetricDefinitions.Message}\n" +
                $"- **active user**: {MetricDefinitions.ActiveUser}\n" +
                $"- **credits**: {MetricDefinitions.Credits}\n" +
                $"- **sentiment**: {AnalyticsDefinitions.Sentiment}\n" +
                $"- **engagement**: {AnalyticsDefinitions.Engagement}\n" +
                $"- **current streak**: {AnalyticsDefinitions.CurrentStreak}\n" +
                $"- **bucket**: {AnalyticsDefinitions.Bucket}\n";
            // The document is the same wherever the server runs: no host-specific server list.
            document.Servers?.Clear();
            return Task.CompletedTask;
        }));

    public static IEndpointRouteBuilder MapAgentLedgerOpenApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi(DocumentPath).AllowAnonymous();
        return routes;
    }
}
