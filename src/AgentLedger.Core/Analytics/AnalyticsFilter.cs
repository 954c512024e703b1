namespace AgentLedger.Core.Analytics;

/// <summary>
/// Restricts a query to rollup rows whose dimensions are in the given sets (wire names: user ids, team names,
/// <c>cli</c>, <c>CODEX_CLI</c>, model names, <c>codex</c>). An empty set does not restrict.
/// </summary>
public sealed record AnalyticsFilter
{
    public static readonly AnalyticsFilter None = new();

    public IReadOnlyList<string> Users { get; init; } = [];

    public IReadOnlyList<string> Teams { get; init; } = [];

    public IReadOnlyList<string> Surfaces { get; init; } = [];

    public IReadOnlyList<string> Clients { get; init; } = [];

    public IReadOnlyList<string> Models { get; init; } = [];

    public IReadOnlyList<string> Agents { get; init; } = [];

    /// <summary>Client versions as the agents send them (<c>0.169.0</c>); only the client-version rollup can apply them.</summary>
    public IReadOnlyList<string> Versions { get; init; } = [];

    /// <summary>A canonical spelling of the filter, for binding cursors to the query that issued them.</summary>
    public string Canonical() =>
        string.Join(';', (Versions.Count == 0 ? new[] { Users, Teams, Surfaces, Clients, Models, Agents } : [Users, Teams, Surfaces, Clients, Models, Agents, Versions])
            .Select(set => string.Join(',', set.Order(StringComparer.Ordinal))));
}
