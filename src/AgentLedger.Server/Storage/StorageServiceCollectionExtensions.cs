using AgentLedger.Core.Accounts;
using AgentLedger.Core.Analytics;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Dlp;
using AgentLedger.Core.Governance;
using AgentLedger.Core.Identity;
using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Integrity;
using AgentLedger.Core.Integrations;
using AgentLedger.Core.Jobs;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using AgentLedger.Core.Retention;
using AgentLedger.Core.Secrets;
using AgentLedger.Core.Siem;
using AgentLedger.Server.Features.Ingestion;
using AgentLedger.Storage.PostgreSql;
using AgentLedger.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the configured engine behind the Core storage interfaces, plus the group-commit writer and its DLP filter.</summary>
    public static IServiceCollection AddAgentLedgerStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.AddOptions<IngestWriterOptions>().Bind(configuration.GetSection(IngestWriterOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();

        switch (ProviderOf(configuration))
        {
            case StorageProvider.PostgreSql:
                AddPostgreSql(services, configuration);
                break;
            default:
                AddSqlite(services, configuration);
                break;
        }

        services.AddAgentLedgerDlp(configuration);
        services.AddSingleton<IngestBatchWriter>();
        services.AddSingleton<StorageStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageStartup>());
        return services;
    }

    /// <summary>The engine must be known to register it, so it is read here, with an error that names the key.</summary>
    private static StorageProvider ProviderOf(IConfiguration configuration)
    {
        var value = configuration[StorageOptions.ProviderKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return StorageProvider.Sqlite;
        }

        return Enum.TryParse<StorageProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new OptionsValidationException(StorageOptions.ProviderKey, typeof(StorageOptions),
                [$"{StorageOptions.ProviderKey} is '{value}'; it must be one of: {string.Join(", ", Enum.GetNames<StorageProvider>())}."]);
    }

    private static void AddSqlite(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SqliteStorageOptions>().Bind(configuration.GetSection(SqliteStorageOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<SqliteMigrator>();
        services.AddSingleton<IStorageMigrator, SqliteStorageMigrator>();
        services.AddSingleton<IRecordWriter, SqliteRecordWriter>();
        services.AddSingleton<IRecordReader, SqliteRecordReader>();
        services.AddSingleton<IUsageRollupReader, SqliteUsageRollupReader>();
        services.AddSingleton<IAnalyticsReader, SqliteAnalyticsReader>();
        services.AddSingleton<IGitHubIntegrationStore, SqliteGitHubIntegrationStore>();
        services.AddSingleton<SqliteWorkspaceStore>();
        services.AddSingleton<IWorkspaceStore>(sp => sp.GetRequiredService<SqliteWorkspaceStore>());
        services.AddSingleton<IDirectoryStore>(sp => sp.GetRequiredService<SqliteWorkspaceStore>());
        services.AddSingleton<IJobLease, SqliteJobLease>();
        services.AddSingleton<IDashboardAccountStore, SqliteDashboardAccountStore>();
        services.AddSingleton<IAuditLog, SqliteAuditLog>();
        services.AddSingleton<IComplianceLogStore, SqliteComplianceLogStore>();
        services.AddSingleton<IComplianceRecordReader, SqliteComplianceRecordReader>();
        services.AddSingleton<IExportJobStore, SqliteExportJobStore>();
        services.AddSingleton<IDlpKeyStore, SqliteDlpKeyStore>();
        services.AddSingleton<IDlpFindingReader, SqliteDlpFindingReader>();
        services.AddSingleton<IRecordChainStore, SqliteRecordChainStore>();
        services.AddSingleton<ILegalHoldStore, SqliteLegalHoldStore>();
        services.AddSingleton<IRetentionStore, SqliteRetentionStore>();
        services.AddSingleton<IGovernanceStore, SqliteGovernanceStore>();
        services.AddSingleton<ISiemStore, SqliteSiemStore>();
        services.AddSingleton<IPriceBookStore, SqlitePriceBookStore>();
        services.AddSingleton<IKeyRingStore, SqliteKeyRingStore>();
    }

    private static void AddPostgreSql(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PostgreSqlStorageOptions>().Bind(configuration.GetSection(PostgreSqlStorageOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostgreSqlStorageOptions>, PostgreSqlStorageOptionsValidator>();
        services.AddSingleton<PostgreSqlDatabase>();
        services.AddSingleton<PostgreSqlRecordPartitions>();
        services.AddSingleton<PostgreSqlMigrator>();
        services.AddSingleton<IStorageMigrator, PostgreSqlStorageMigrator>();
        services.AddSingleton<IRecordWriter, PostgreSqlRecordWriter>();
        services.AddSingleton<IRecordReader, PostgreSqlRecordReader>();
        services.AddSingleton<IUsageRollupReader, PostgreSqlUsageRollupReader>();
        services.AddSingleton<IAnalyticsReader, PostgreSqlAnalyticsReader>();
        services.AddSingleton<IGitHubIntegrationStore, PostgreSqlGitHubIntegrationStore>();
        services.AddSingleton<PostgreSqlWorkspaceStore>();
        services.AddSingleton<IWorkspaceStore>(sp => sp.GetRequiredService<PostgreSqlWorkspaceStore>());
        services.AddSingleton<IDirectoryStore>(sp => sp.GetRequiredService<PostgreSqlWorkspaceStore>());
        services.AddSingleton<IJobLease, PostgreSqlJobLease>();
        services.AddSingleton<IDashboardAccountStore, PostgreSqlDashboardAccountStore>();
        services.AddSingleton<IAuditLog, PostgreSqlAuditLog>();
        services.AddSingleton<IComplianceLogStore, PostgreSqlComplianceLogStore>();
        services.AddSingleton<IComplianceRecordReader, PostgreSqlComplianceRecordReader>();
        services.AddSingleton<IExportJobStore, PostgreSqlExportJobStore>();
        services.AddSingleton<IDlpKeyStore, PostgreSqlDlpKeyStore>();
        services.AddSingleton<IDlpFindingReader, PostgreSqlDlpFindingReader>();
        services.AddSingleton<IRecordChainStore, PostgreSqlRecordChainStore>();
        services.AddSingleton<ILegalHoldStore, PostgreSqlLegalHoldStore>();
        services.AddSingleton<IRetentionStore, PostgreSqlRetentionStore>();
        services.AddSingleton<IGovernanceStore, PostgreSqlGovernanceStore>();
        services.AddSingleton<ISiemStore, PostgreSqlSiemStore>();
        services.AddSingleton<IPriceBookStore, PostgreSqlPriceBookStore>();
        services.AddSingleton<IKeyRingStore, PostgreSqlKeyRingStore>();
    }
}
