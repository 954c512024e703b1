using AgentLedger.Core.Analytics;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Identity;
using AgentLedger.Core.Integrations;
using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Jobs;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

/// <summary>
/// One engine's real stores over one freshly migrated database that belongs to a single test. An "instance" is what
/// one AgentLedger process would hold: its own connection pool and its own store objects.
/// </summary>
public interface ITestStorage : IAsyncDisposable
{
    IRecordWriter Writer { get; }

    /// <summary>The engine's bulk loader over the same database (what data generators fill stores with).</summary>
    IBulkRecordLoader BulkLoader { get; }

    IRecordReader Reader { get; }

    IUsageRollupReader Rollups { get; }

    IWorkspaceStore Workspaces { get; }

    IDirectoryStore Directory { get; }

    IJobLease Leases { get; }

    IAnalyticsReader Analytics { get; }

    IGitHubIntegrationStore GitHub { get; }

    AgentLedger.Core.Accounts.IDashboardAccountStore Accounts { get; }
    IAuditLog AuditLog { get; }
    IComplianceLogStore ComplianceLogs { get; }
    IComplianceRecordReader ComplianceReader { get; }
    IExportJobStore Exports { get; }
    AgentLedger.Core.Dlp.IDlpFindingReader DlpFindings { get; }
    AgentLedger.Core.Dlp.IDlpKeyStore DlpKeys { get; }
    AgentLedger.Core.Integrity.IRecordChainStore Chain { get; }
    AgentLedger.Core.Retention.ILegalHoldStore Holds { get; }
    AgentLedger.Core.Retention.IRetentionStore Retention { get; }

    /// <summary>Runs raw SQL on the database, as someone with direct access could (tamper tests).</summary>
    Task ExecuteSqlAsync(string sql, CancellationToken cancellationToken);
    AgentLedger.Core.Governance.IGovernanceStore Governance { get; }
    AgentLedger.Core.Siem.ISiemStore Siem { get; }
    IPriceBookStore PriceBooks { get; }
    AgentLedger.Core.Secrets.IKeyRingStore KeyRing { get; }

    /// <summary>Runs the engine's migrator; returns how many migrations it applied.</summary>
    Task<int> MigrateAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<int>> PendingMigrationsAsync(CancellationToken cancellationToken);

    /// <summary>A second instance over the same database (its own pool and stores), disposed by the caller.</summary>
    Task<ITestStorage> OpenInstanceAsync(CancellationToken cancellationToken);
}
