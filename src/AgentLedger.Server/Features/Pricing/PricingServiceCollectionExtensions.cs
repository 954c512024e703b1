using AgentLedger.Core.Metrics;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Pricing;

/// <summary>Registers the price books (server-wide from configuration, per workspace from storage) behind the credit calculator.</summary>
public static class PricingServiceCollectionExtensions
{
    public static IServiceCollection AddAgentLedgerPricing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PriceBookOptions>().Bind(configuration.GetSection(PriceBookOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PriceBookOptions>, PriceBookOptionsValidator>();
        services.AddSingleton<WorkspacePriceBooks>();
        services.AddSingleton<IPriceBookResolver>(sp => sp.GetRequiredService<WorkspacePriceBooks>());
        services.AddSingleton(sp => new CreditCalculator(sp.GetRequiredService<IPriceBookResolver>()));
        services.AddSingleton<PriceBookService>();
        services.AddHostedService<PriceBookRefresher>();
        return services;
    }

    public static IEndpointRouteBuilder MapAgentLedgerPricing(this IEndpointRouteBuilder routes) => routes.MapPriceBook();
}
