using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Keys;

namespace AgentLedger.Bench.Scale;

/// <summary>One engine's store of a run: how to fill it, how big it is, its baselines, and how the server opens it.</summary>
public abstract class StoreTarget : IAsyncDisposable
{
    public const string WorkspaceId = AgentLedger.Bench.Data.ActivityGenerator.WorkspaceId;

    public static StoreTarget Open(ScaleOptions options) =>
        options.IsPostgreSql ? new PostgreSqlTarget(options.Target) : new SqliteTarget(options.Target);

    /// <summary>Creates the schema (the engine's migrator), drops what an earlier run left, and the benchmark workspace.</summary>
    public abstract Task ResetAsync();

    /// <summary>An API key of the workspace with the admin scope (every read the measurements make).</summary>
    public async Task<string> CreateKeyAsync()
    {
        var secret = ApiKeySecret.Generate();
        await Workspaces.CreateApiKeyAsync(
            new ApiKeyInfo(secret.KeyId, WorkspaceId, "scale-bench", ApiKeyScope.Admin, secret.Hash(), TimeProvider.System.GetUtcNow(), null),
            CancellationToken.None);
        return secret.Token;
    }

    public abstract IBulkRecordLoader Loader { get; }

    protected abstract IWorkspaceStore Workspaces { get; }

    /// <summary>Bytes the store takes on disk (file and WAL, or the database).</summary>
    public abstract Task<long> SizeAsync();

    /// <summary>The first UTC day of the generated records (the earliest day of the workspace's daily rollup); null when empty.</summary>
    public abstract Task<DateTimeOffset?> FirstDayAsync();

    /// <summary>
    /// When the <paramref name="records"/>-th most recent record of the workspace occurred: the start of the last
    /// stretch of time that holds that many records; null when the store holds fewer.
    /// </summary>
    public abstract Task<DateTimeOffset?> StartOfLatestAsync(long records);

    /// <summary>
    /// The bare engine insert baseline: copies <paramref name="rows"/> stored records into a new table of the same
    /// columns without keys, indexes, rollups, chain or client round trips (one INSERT … SELECT in one transaction);
    /// returns the seconds it took. The table is dropped afterwards.
    /// </summary>
    public abstract Task<double> BareInsertSecondsAsync(long rows);

    /// <summary>
    /// The raw-record baseline of the overview's usage chart: records, tokens, credits and distinct users per UTC
    /// day and surface over [<paramref name="from"/>, <paramref name="to"/>), straight from <c>records</c>.
    /// </summary>
    public abstract Task<double> RawOverviewSecondsAsync(DateTimeOffset from, DateTimeOffset to, TimeSpan timeout);

    /// <summary>The raw-record baseline of the per-user usage query: per UTC day and user, records, sessions, tokens, credits.</summary>
    public abstract Task<double> RawUsageSecondsAsync(DateTimeOffset from, DateTimeOffset to, TimeSpan timeout);

    /// <summary>The server's command-line settings for this store.</summary>
    public abstract IReadOnlyList<string> ServerArguments { get; }

    public abstract ValueTask DisposeAsync();
}
