using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace AgentLedger.Core.Dlp;

/// <summary>Resolves the action for a workspace and rule from <see cref="DlpOptions"/>, caching one table per workspace.</summary>
public sealed class DlpPolicy
{
    private readonly DlpOptions _options;
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, DlpAction>> _byWorkspace = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, DlpAction> _defaults;

    public DlpPolicy(IOptions<DlpOptions> options)
    {
        _options = options.Value;
        _defaults = Resolve(null);
    }

    public bool Enabled => _options.Enabled;

    public TimeSpan MatchTimeout => _options.MatchTimeout;

    /// <summary>The action of every rule for the workspace (rule id → action).</summary>
    public IReadOnlyDictionary<string, DlpAction> For(string workspaceId) =>
        _options.Workspaces.ContainsKey(workspaceId) ? _byWorkspace.GetOrAdd(workspaceId, Resolve) : _defaults;

    private IReadOnlyDictionary<string, DlpAction> Resolve(string? workspaceId)
    {
        var workspace = workspaceId is null ? null : _options.Workspaces.GetValueOrDefault(workspaceId);
        var table = new Dictionary<string, DlpAction>(StringComparer.Ordinal);
        foreach (var id in DlpRuleIds.Secrets)
        {
            table[id] = Action(id, workspace?.Secrets ?? _options.Secrets, workspace);
        }

        foreach (var id in DlpRuleIds.Pii)
        {
            table[id] = Action(id, workspace?.Pii ?? _options.Pii, workspace);
        }

        return table;

        DlpAction Action(string id, DlpAction category, DlpWorkspaceOptions? ws)
        {
            if (!_options.Enabled)
            {
                return DlpAction.Off;
            }

            if (ws is not null && ws.Rules.TryGetValue(id, out var wsRule))
            {
                return wsRule;
            }

            // A workspace's category setting beats the global per-rule setting: it is the more specific scope.
            if (ws is not null && ((DlpRuleIds.Secrets.Contains(id) && ws.Secrets is not null) || (DlpRuleIds.Pii.Contains(id) && ws.Pii is not null)))
            {
                return category;
            }

            return _options.Rules.TryGetValue(id, out var rule) ? rule : category;
        }
    }
}
