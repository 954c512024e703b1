using AgentLedger.Core.Governance;
using AgentLedger.Server.Features.Governance.Alerts;
using AgentLedger.Server.Features.Governance.Budgets;
using AgentLedger.Server.Features.Governance.Privacy;
using AgentLedger.Server.Features.Governance.Reports;
using AgentLedger.Server.Features.Governance.Settings;
using AgentLedger.Server.Features.Gateway;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Governance;

/// <summary>Registers and maps usage governance: budgets and the gate, alerts and their channels, the leadership report, privacy controls.</summary>
public static class GovernanceServiceCollectionExtensions
{
    public static IServiceCollection AddAgentLedgerGovernance(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GovernanceOptions>().Bind(configuration.GetSection(GovernanceOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GovernanceOptions>, GovernanceOptionsValidator>();
        services.AddSingleton<BudgetSpendReader>();
        services.AddSingleton<IBudgetGate, BudgetGate>();
        // Enforcement: a gateway gate, after DLP (AgentLedgerApp adds the gateway, and with it DLP, before governance).
        services.AddGatewayRequestGate<BudgetGatewayGate>();
        services.AddSingleton<AnalyticsPrivacy>();
        services.AddHttpClient(WebhookAlertSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<IAlertChannelSender, WebhookAlertSender>();
        services.AddSingleton<IAlertChannelSender, SlackAlertSender>();
        services.AddSingleton<IAlertChannelSender, EmailAlertSender>();
        services.AddSingleton<AlertRaiser>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<LeadershipReportBuilder>();
        services.AddSingleton<ChromiumPdfPrinter>();
        services.AddSingleton<LeadershipReportService>();
        services.AddSingleton<GovernanceCycle>();
        services.AddHostedService<GovernanceJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapAgentLedgerGovernance(this IEndpointRouteBuilder routes)
    {
        routes.MapBudgets();
        routes.MapAlerts();
        routes.MapGovernanceSettings();
        routes.MapLeadershipReport();
        return routes;
    }
}
