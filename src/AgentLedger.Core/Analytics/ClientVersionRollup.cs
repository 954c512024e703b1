using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Analytics;

/// <summary>
/// The client-version rollup: records per workspace × UTC hour × user × team × client × model × client version, kept by the
/// writer in the same transaction as the records and the usage rollups. It answers "active users by agent and version"
/// (a user is active on a version in an hour when they have a record of it there) with every dashboard filter, in any
/// time zone. It is a separate table rather than a new key column of usage_hourly, whose grain and size other reads
/// depend on. Records without a version count under the empty version.
/// </summary>
public sealed class ClientVersionRollup
{
    private readonly Dictionary<Key, long> _rows = [];

    public int Count => _rows.Count;

    public IEnumerable<KeyValuePair<Key, long>> Rows => _rows;

    /// <param name="record">A record that was stored (not a duplicate), with its user resolved.</param>
    public void Add(ActivityRecord record)
    {
        var key = new Key(
            record.WorkspaceId, UsageRollupKey.HourOf(record.OccurredAt).ToUnixTimeSeconds(), record.UserId ?? "", record.Team ?? "",
            record.ClientId, record.Model ?? "", record.ClientVersion ?? "");
        _rows[key] = _rows.GetValueOrDefault(key) + 1;
    }

    /// <summary>One row's key; agent and surface follow from the client id, as in <see cref="UsageRollupKey"/>.</summary>
    public readonly record struct Key(string WorkspaceId, long HourStart, string UserId, string Team, ClientId ClientId, string Model, string Version)
    {
        public Agent Agent => ClientCatalog.AgentOf(ClientId);

        public Surface Surface => ClientCatalog.SurfaceOf(ClientId);
    }
}
