using AgentLedger.Core.Gateway;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Gateway;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the <c>Gateway</c> section at start and registers the pipeline. The request gates run in
    /// the order registered here: DLP first; a budget gate is added after it with
    /// <see cref="AddGatewayRequestGate{TGate}"/>.
    /// </summary>
    public static IServiceCollection AddAgentLedgerGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddSingleton<GatewayHttpClient>();
        services.AddSingleton<GatewayCallerAuthenticator>();
        services.AddSingleton<GatewayRecorder>();
        services.AddSingleton<GatewayForwarder>();
        services.AddGatewayRequestGate<DlpGatewayGate>();
        return services;
    }

    /// <summary>Appends a gate to the gateway's request pipeline (after those registered before it).</summary>
    public static IServiceCollection AddGatewayRequestGate<TGate>(this IServiceCollection services)
        where TGate : class, IGatewayRequestGate
    {
        services.AddSingleton<IGatewayRequestGate, TGate>();
        return services;
    }
}
