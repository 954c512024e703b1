using AgentLedger.Server.Features.Health;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Siem;

/// <summary>SIEM delivery: its options, the delivery job, the readiness entry and the admin endpoints.</summary>
public static class SiemServiceCollectionExtensions
{
    public static IServiceCollection AddAgentLedgerSiem(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SiemOptions>().Bind(configuration.GetSection(SiemOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiemOptions>, SiemOptionsValidator>();
        services.AddSingleton<SiemItemSource>();
        services.AddSingleton<SiemSenderFactory>();
        services.AddSingleton<SiemStatusReader>();
        services.AddSingleton<SiemDeliveryService>();
        services.AddHostedService(sp => sp.GetRequiredService<SiemDeliveryService>());
        services.AddHealthChecks().AddCheck<SiemHealthCheck>("siem", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
