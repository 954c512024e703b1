using AgentLedger.Core.Analytics;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Identity;
using AgentLedger.Core.Integrations;
using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Jobs;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using AgentLedger.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentLedger.Storage.Tests;

/// <summary>SQLite stores over a database file in a temporary folder of the test's own.</summary>
public sealed class SqliteTestStorage : ITestStorage
{
    private readonly SqliteDatabase _database;
    private readonly SqliteRecordWriter _writer;
    private readonly SqliteWorkspaceStore _store;
    private readonly SqliteMigrator _migrator;
    private readonly string? _ownedFolder;

    private SqliteTestStorage(string path, TimeProvider time, string? ownedFolder)
    {
        _ownedFolder = ownedFolder;
        _database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = path, Synchronous = SqliteSynchronous.Normal }));
        _writer = new SqliteRecordWriter(_database, time);
        BulkLoader = new SqliteBulkLoader(_database, time);
        _store = new SqliteWorkspaceStore(_database, time);
        Accounts = new SqliteDashboardAccountStore(_database);
        _migrator = new SqliteMigrator(_database, time, NullLogger<SqliteMigrator>.Instance);
        Time = time;
        Reader = new SqliteRecordReader(_database);
        Rollups = new SqliteUsageRollupReader(_database);
        Leases = new SqliteJobLease(_database);
        Analytics = new SqliteAnalyticsReader(_database);
        GitHub = new SqliteGitHubIntegrationStore(_database);
        AuditLog = new SqliteAuditLog(_database);
        ComplianceLogs = new SqliteComplianceLogStore(_database);
        ComplianceReader = new SqliteComplianceRecordReader(_database);
        Exports = new SqliteExportJobStore(_database);
        DlpFindings = new SqliteDlpFindingReader(_database);
        DlpKeys = new SqliteDlpKeyStore(_database, time);
        Chain = new SqliteRecordChainStore(_database);
        Holds = new SqliteLegalHoldStore(_database);
        Retention = new SqliteRetentionStore(_database);
        Governance = new SqliteGovernanceStore(_database);
        Siem = new SqliteSiemStore(_database);
        PriceBooks = new SqlitePriceBookStore(_database);
        KeyRing = new SqliteKeyRingStore(_database);
    }

    public TimeProvider Time { get; }

    public IRecordWriter Writer => _writer;

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

    public static async Task<SqliteTestStorage> CreateAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("agentledger-sqlite-").FullName;
        var storage = new SqliteTestStorage(Path.Combine(folder, "agentledger.db"), time, folder);
        await storage.MigrateAsync(cancellationToken);
        return storage;
    }

    /// <summary>Stores over an existing file (an older build's, say), migrated; <paramref name="ownedFolder"/> is deleted at the end.</summary>
    public static async Task<SqliteTestStorage> CreateAtAsync(string path, TimeProvider time, string? ownedFolder, CancellationToken cancellationToken)
    {
        var storage = new SqliteTestStorage(path, time, ownedFolder);
        await storage.MigrateAsync(cancellationToken);
        return storage;
    }

    public string DatabasePath => _database.FilePath;

    public async Task ExecuteSqlAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<int> MigrateAsync(CancellationToken cancellationToken) => _migrator.MigrateAsync(cancellationToken);

    public Task<IReadOnlyList<int>> PendingMigrationsAsync(CancellationToken cancellationToken) => _migrator.PendingAsync(cancellationToken);

    public Task<ITestStorage> OpenInstanceAsync(CancellationToken cancellationToken) =>
        Task.FromResult<ITestStorage>(new SqliteTestStorage(_database.FilePath, Time, ownedFolder: null));

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        if (_ownedFolder is not null)
        {
            SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(_ownedFolder, recursive: true);
        }
    }
}
