using System.Text.Json;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Admin;
using AgentLedger.Server.Features.Analytics;
using AgentLedger.Server.Features.Compliance;
using AgentLedger.Server.Features.Dashboard;
using AgentLedger.Server.Features.Demo;
using AgentLedger.Server.Features.Governance;
using AgentLedger.Server.Features.Gateway;
using AgentLedger.Server.Features.Health;
using AgentLedger.Server.Features.Integrations.GitHub;
using AgentLedger.Server.Features.Limits;
using AgentLedger.Server.Features.OpenApi;
using AgentLedger.Server.Features.Pricing;
using AgentLedger.Server.Features.Secrets;
using AgentLedger.Server.Features.Siem;
using AgentLedger.Server.Features.Ingestion;
using AgentLedger.Server.Features.Ingestion.Events;
using AgentLedger.Server.Features.Ingestion.Otlp;
using AgentLedger.Server.Storage;

namespace AgentLedger.Server.Hosting;

/// <summary>Composes the web host: every feature registers its services and maps its endpoints here, in order.</summary>
public static class AgentLedgerApp
{
    /// <param name="args">Host arguments (configuration overrides such as <c>--urls</c> or <c>--Storage:Sqlite:Path=…</c>).</param>
    /// <param name="configureServices">Extra registrations, applied last (tests replace the TimeProvider here).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            // The dashboard's static assets (its own and Radzen's) are found through this assembly's manifest,
            // also when a test project hosts the server.
            ApplicationName = typeof(AgentLedgerApp).Assembly.GetName().Name,
        });
        // Serves package assets (Radzen's CSS and JS) from a build output as well as from a publish folder.
        builder.WebHost.UseStaticWebAssets();
        AddServices(builder);
        builder.Services.AddAgentLedgerDashboard(builder.Configuration);
        // After AddServices: the demo seeder must start after StorageStartup has migrated the database.
        builder.Services.AddAgentLedgerDemo(builder.Configuration);
        // Before the OTLP listeners are set up: an https URL bound there takes these defaults.
        builder.WebHost.ConfigureKestrel(TlsDefaults.Apply);
        builder.AddOtlpIngestion();
        builder.AddAgentLedgerLimits();
        builder.Services.AddHostedService<ServerAddressReporter>();
        configureServices?.Invoke(builder);
        var app = builder.Build();
        MapEndpoints(app);
        return app;
    }

    /// <summary>Registers everything except the web host itself; the command-line tools reuse it.</summary>
    public static void AddServices(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddExceptionHandler<StorageFaultExceptionHandler>();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });

        services.AddAgentLedgerStorage(builder.Configuration);
        services.AddAgentLedgerSecretsAtRest(builder.Configuration);
        services.AddAgentLedgerAuth();
        services.AddAgentLedgerHealth();

        services.AddAgentLedgerPricing(builder.Configuration);
        services.AddOptions<IngestOptions>().Bind(builder.Configuration.GetSection(IngestOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IngestBodyReader>();
        services.AddSingleton<NativeEventMapper>();
        services.AddSingleton<ApiKeyIssuer>();
        services.AddSingleton<ApiKeyAdministration>();
        services.AddAgentLedgerAnalytics(builder.Configuration);
        services.AddAgentLedgerGitHub();
        services.AddAgentLedgerOpenApi();
        services.AddAgentLedgerCompliance(builder.Configuration);
        // The gateway before governance: its DLP gate runs before the budget gate governance adds.
        services.AddAgentLedgerGateway(builder.Configuration);
        services.AddAgentLedgerGovernance(builder.Configuration);
        services.AddAgentLedgerSiem(builder.Configuration);
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAgentLedgerLimits();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapAgentLedgerHealth();
        app.MapNativeEvents();
        app.MapOtlpIngestion();
        app.MapWorkspaceAdmin();
        app.MapAgentLedgerPricing();
        app.MapAgentLedgerAnalytics();
        app.MapAgentLedgerGitHub();
        app.MapAgentLedgerOpenApi();
        app.MapAgentLedgerDashboard();
        app.MapAgentLedgerCompliance();
        app.MapAgentLedgerGovernance();
        app.MapSiemDestinations();
        app.MapAgentLedgerGateway();
    }
}
