using AgentLedger.Core.Governance;
using AgentLedger.Core.Identity;

namespace AgentLedger.Server.Features.Governance.Privacy;

/// <summary>
/// The one place that decides what analytics outputs may show about people. Every analytics output (the Codex-compatible
/// and native APIs with their CSV and JSON forms, the dashboard, which calls those handlers, and the leadership report)
/// shapes its rows through the <see cref="PrivacyPolicy"/> this returns, after the rollups were read: the SQL stays
/// unaware of privacy, so optimising it cannot bypass these controls.
/// </summary>
public sealed class AnalyticsPrivacy(IGovernanceStore store, IDirectoryStore directory)
{
    private const int DirectoryPage = 1000;

    public async Task<PrivacyPolicy> ForWorkspaceAsync(string workspaceId, CancellationToken cancellationToken) =>
        new(await store.FindSettingsAsync(workspaceId, cancellationToken).ConfigureAwait(false) ?? GovernanceSettings.DefaultFor(workspaceId));

    /// <summary>
    /// User filter values as storage knows them: a pseudonym (what a pseudonymised output showed) is mapped back to its
    /// user id by hashing the directory's ids with the workspace key; other values pass unchanged. A pseudonym that
    /// matches nobody stays as it is and so matches no row.
    /// </summary>
    public async Task<string[]?> ResolveUsersAsync(PrivacyPolicy policy, string workspaceId, string[]? users, CancellationToken cancellationToken)
    {
        if (!policy.Pseudonymise || users is null)
        {
            return users;
        }

        var values = users.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var wanted = values.Where(Pseudonyms.LooksLikePseudonym).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return users;
        }

        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        string? after = null;
        while (found.Count < wanted.Count)
        {
            var page = await directory.ListUsersAsync(workspaceId, after, DirectoryPage, cancellationToken).ConfigureAwait(false);
            foreach (var user in page)
            {
                var pseudonym = policy.UserId(user.UserId);
                if (wanted.Contains(pseudonym))
                {
                    found[pseudonym] = user.UserId;
                }
            }

            if (page.Count < DirectoryPage)
            {
                break;
            }

            after = page[^1].UserId;
        }

        return values.Select(v => found.GetValueOrDefault(v, v)).ToArray();
    }
}
