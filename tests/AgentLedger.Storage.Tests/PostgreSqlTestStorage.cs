using AgentLedger.Core.Analytics;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Identity;
using AgentLedger.Core.Integrations;
using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Jobs;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using AgentLedger.Storage.PostgreSql;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentLedger.Storage.Tests;

/// <summary>PostgreSQL stores over a database of the test's own on the run's <see cref="PostgreSqlServer"/>.</summary>
public sealed class PostgreSqlTestStorage : ITestStorage
{
    private readonly PostgreSqlServer _server;
    private readonly string _connectionString;
    private readonly bool _ownsDatabase;
    private readonly PostgreSqlWorkspaceStore _store;
    private readonly PostgreSqlMigrator _migrator;

    private PostgreSqlTestStorage(PostgreSqlServer server, string connectionString, TimeProvider time, bool ownsDatabase)
    {
        _server = server;
        _connectionString = connectionString;
        _ownsDatabase = ownsDatabase;
        var options = Options.Create(new PostgreSqlStorageOptions { ConnectionString = connectionString });
        Time = time;
        Database = new PostgreSqlDatabase(options);
        Partitions = new PostgreSqlRecordPartitions(Database, options, time, NullLogger<PostgreSqlRecordPartitions>.Instance);
        var writer = new PostgreSqlRecordWriter(Database, Partitions, time);
        Writer = writer;
        BulkLoader = new PostgreSqlBulkLoader(Database, writer);
        Reader = new PostgreSqlRecordReader(Database);
        Rollups = new PostgreSqlUsageRollupReader(Database);
        _store = new PostgreSqlWorkspaceStore(Database, time);
        Accounts = new PostgreSqlDashboardAccountStore(Database);
        Leases = new PostgreSqlJobLease(Database);
        Analytics = new PostgreSqlAnalyticsReader(Database);
        GitHub = new PostgreSqlGitHubIntegrationStore(Database);
        AuditLog = new PostgreSqlAuditLog(Database);
        ComplianceLogs = new PostgreSqlComplianceLogStore(Database);
        ComplianceReader = new PostgreSqlComplianceRecordReader(Database);
        Exports = new PostgreSqlExportJobStore(Database);
        DlpFindings = new PostgreSqlDlpFindingReader(Database);
        DlpKeys = new PostgreSqlDlpKeyStore(Database, time);
        Chain = new PostgreSqlRecordChainStore(Database);
        Holds = new PostgreSqlLegalHoldStore(Database);
        Retention = new PostgreSqlRetentionStore(Database, Partitions);
        Governance = new PostgreSqlGovernanceStore(Database);
        Siem = new PostgreSqlSiemStore(Database);
        PriceBooks = new PostgreSqlPriceBookStore(Database);
        KeyRing = new PostgreSqlKeyRingStore(Database);
        _migrator = new PostgreSqlMigrator(Database, time, NullLogger<PostgreSqlMigrator>.Instance);
    }

    public TimeProvider Time { get; }

    public PostgreSqlDatabase Database { get; }

    public PostgreSqlRecordPartitions Partitions { get; }

    public IRecordWriter Writer { get; }

    public IBulkRecordLoader BulkLoader { get; }

    public IRecordReader Reader { get; }

    public IUsageRollupReader Rollups { get; }

    public IWorkspaceStore Workspaces => _store;

    public IDirectoryStore Directory => _store;

    public IJobLease Leases { get; }

    public IAnalyticsReader Analytics { get; }

    public IGitHubIntegrationStore GitHub { get; }

    public AgentLedger.Core.Accounts.IDashboardAccountStore Accounts { get; }
    public IAuditLog AuditLog { get; }
    public IComplianceLogStore ComplianceLogs { get; }
    public IComplianceRecordReader ComplianceReader { get; }
    public IExportJobStore Exports { get; }
    public AgentLedger.Core.Dlp.IDlpFindingReader DlpFindings { get; }
    public AgentLedger.Core.Dlp.IDlpKeyStore DlpKeys { get; }
    public AgentLedger.Core.Integrity.IRecordChainStore Chain { get; }
    public AgentLedger.Core.Retention.ILegalHoldStore Holds { get; }
    public AgentLedger.Core.Retention.IRetentionStore Retention { get; }
    public AgentLedger.Core.Governance.IGovernanceStore Governance { get; }
    public AgentLedger.Core.Siem.ISiemStore Siem { get; }
    public IPriceBookStore PriceBooks { get; }
    public AgentLedger.Core.Secrets.IKeyRingStore KeyRing { get; }

    public static async Task<PostgreSqlTestStorage> CreateAsync(PostgreSqlServer server, TimeProvider time, CancellationToken cancellationToken)
    {
        var connectionString = await server.CreateDatabaseAsync(cancellationToken);
        var storage = new PostgreSqlTestStorage(server, connectionString, time, ownsDatabase: true);
        await storage.MigrateAsync(cancellationToken);
        return storage;
    }

    /// <summary>Stores over an existing database, without migrating it.</summary>
    public static PostgreSqlTestStorage Attach(PostgreSqlServer server, string connectionString, TimeProvider time, bool ownsDatabase) =>
        new(server, connectionString, time, ownsDatabase);

    public async Task ExecuteSqlAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<int> MigrateAsync(CancellationToken cancellationToken) => _migrator.MigrateAsync(cancellationToken);

    public Task<IReadOnlyList<int>> PendingMigrationsAsync(CancellationToken cancellationToken) => _migrator.PendingAsync(cancellationToken);

    public Task<ITestStorage> OpenInstanceAsync(CancellationToken cancellationToken) => Task.FromResult<ITestStorage>(OpenInstance());

    public PostgreSqlTestStorage OpenInstance() => new(_server, _connectionString, Time, ownsDatabase: false);

    public async ValueTask DisposeAsync()
    {
        Partitions.Dispose();
        await Database.DisposeAsync();
        if (_ownsDatabase)
        {
            await _server.DropDatabaseAsync(_connectionString);
        }
    }
}
