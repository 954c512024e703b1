using AgentLedger.Core.Analytics;
using AgentLedger.Server.Features.Analytics.Codex;
using AgentLedger.Server.Features.Analytics.Native;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Analytics;

/// <summary>Registers and maps the analytics feature (Codex-compatible and native APIs).</summary>
public static class AnalyticsServiceCollectionExtensions
{
    public static IServiceCollection AddAgentLedgerAnalytics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AnalyticsOptions>().Bind(configuration.GetSection(AnalyticsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AnalyticsOptions>, AnalyticsOptionsValidator>();
        services.AddSingleton(sp => new AnalyticsPageReader(
            sp.GetRequiredService<IAnalyticsReader>(), sp.GetRequiredService<IOptions<AnalyticsOptions>>().Value.UseUserFreeRollups));
        services.AddSingleton<UserRankingReader>();
        services.AddSingleton<SeriesResponder>();
        services.AddSingleton<UserRankingResponder>();
        services.AddSingleton<ActiveUserCountResponder>();
        services.AddSingleton<DlpFindingSeriesResponder>();
        return services;
    }

    public static IEndpointRouteBuilder MapAgentLedgerAnalytics(this IEndpointRouteBuilder routes)
    {
        routes.MapCodexAnalytics();
        routes.MapNativeAnalytics();
        return routes;
    }
}
