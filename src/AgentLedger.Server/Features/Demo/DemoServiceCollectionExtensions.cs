using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Health;

namespace AgentLedger.Server.Features.Demo;

public static class DemoServiceCollectionExtensions
{
    /// <summary>
    /// When <c>Demo:Enabled</c> is set: binds and validates <see cref="DemoOptions"/>, and registers the background
    /// seeder and its readiness check. Call after the storage registrations: the seeder must start after storage
    /// start-up has migrated the database.
    /// </summary>
    public static IServiceCollection AddAgentLedgerDemo(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(DemoOptions.SectionName);
        if (!section.GetValue<bool>(nameof(DemoOptions.Enabled)))
        {
            return services;
        }

        services.AddOptions<DemoOptions>().Bind(section)
            .ValidateDataAnnotations()
            .Validate(o => WorkspaceIds.IsValid(o.WorkspaceId), $"{DemoOptions.SectionName}:{nameof(DemoOptions.WorkspaceId)} must be {WorkspaceIds.Rule}.")
            .ValidateOnStart();
        services.AddSingleton<DemoIngest>();
        services.AddSingleton<DemoSeedingHealthCheck>();
        services.AddHealthChecks().AddCheck<DemoSeedingHealthCheck>("demo", tags: [HealthEndpoints.ReadyTag]);
        services.AddHostedService<DemoSeeder>();
        return services;
    }
}
