using AgentLedger.Core.Identity;
using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using AgentLedger.Storage.Sqlite;

namespace AgentLedger.Server.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the configured engine behind the Core storage interfaces, plus the group-commit writer.</summary>
    public static IServiceCollection AddAgentLedgerStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.AddOptions<IngestWriterOptions>().Bind(configuration.GetSection(IngestWriterOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddOptions<SqliteStorageOptions>().Bind(configuration.GetSection(SqliteStorageOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<SqliteMigrator>();
        services.AddSingleton<IStorageMigrator, SqliteStorageMigrator>();
        services.AddSingleton<IRecordWriter, SqliteRecordWriter>();
        services.AddSingleton<IRecordReader, SqliteRecordReader>();
        services.AddSingleton<IUsageRollupReader, SqliteUsageRollupReader>();
        services.AddSingleton<SqliteWorkspaceStore>();
        services.AddSingleton<IWorkspaceStore>(sp => sp.GetRequiredService<SqliteWorkspaceStore>());
        services.AddSingleton<IDirectoryStore>(sp => sp.GetRequiredService<SqliteWorkspaceStore>());

        services.AddSingleton<IngestBatchWriter>();
        services.AddSingleton<StorageStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageStartup>());
        return services;
    }
}
