using System.Reflection;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Integrity;
using AgentLedger.Core.Retention;
using AgentLedger.Server.Features.Compliance.Audit;
using AgentLedger.Server.Features.Compliance.Exports;
using AgentLedger.Server.Features.Compliance.Findings;
using AgentLedger.Server.Features.Compliance.Integrity;
using AgentLedger.Server.Features.Compliance.Logs;
using AgentLedger.Server.Features.Compliance.Records;
using AgentLedger.Server.Features.Compliance.Retention;
using AgentLedger.Server.Features.Compliance.Sessions;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Compliance;

/// <summary>The Compliance API: its services and background jobs, and its endpoints in one place.</summary>
public static class ComplianceServiceCollectionExtensions
{
    public static IServiceCollection AddAgentLedgerCompliance(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ComplianceLogOptions>().Bind(configuration.GetSection(ComplianceLogOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ComplianceLogOptions>, ComplianceLogOptionsValidator>();
        services.AddOptions<ComplianceExportOptions>().Bind(configuration.GetSection(ComplianceExportOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ComplianceExportOptions>, ComplianceExportOptionsValidator>();

        services.AddSingleton(ProductInfo.AgentLedger(ProductVersion()));
        services.AddSingleton<ComplianceAuditor>();
        services.AddSingleton<RecordChainVerifier>();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddSingleton<RetentionPurgeJob>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionPurgeJob>());
        services.AddSingleton<SessionTranscriptReader>();
        services.AddSingleton<ComplianceLogSealer>();
        services.AddHostedService(sp => sp.GetRequiredService<ComplianceLogSealer>());
        services.AddSingleton<ExportFolders>();
        services.AddSingleton<ExportPackageWriter>();
        services.AddSingleton<ExportJobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<ExportJobRunner>());
        return services;
    }

    public static IEndpointRouteBuilder MapAgentLedgerCompliance(this IEndpointRouteBuilder routes)
    {
        routes.MapComplianceLogs();
        routes.MapRecordFeed();
        routes.MapSessionTranscripts();
        routes.MapDlpFindings();
        routes.MapAuditEvents();
        routes.MapExports();
        routes.MapIntegrity();
        routes.MapLegalHolds();
        routes.MapRetentionStatus();
        return routes;
    }

    private static string ProductVersion()
    {
        var assembly = typeof(ComplianceServiceCollectionExtensions).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // "1.0.0+<commit>" → "1.0.0": the version, not the build.
        return informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
