using AgentLedger.Core.Analytics;
using AgentLedger.Core.Governance;
using AgentLedger.Core.Identity;

namespace AgentLedger.Server.Features.Governance.Budgets;

/// <summary>Validates a <see cref="BudgetRequest"/>; every error names its field.</summary>
public static class BudgetRequestParser
{
    public static async Task<(Budget? Budget, Dictionary<string, string[]> Errors)> ParseAsync(
        string workspaceId, string budgetId, BudgetRequest request, string defaultTimeZone, DateTimeOffset now, DateTimeOffset? createdAt,
        IDirectoryStore directory, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Error(string field, string message) => errors[field] = [message];

        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > Budget.MaxNameLength)
        {
            Error("name", $"name is required, 1 to {Budget.MaxNameLength} characters.");
        }

        var scope = Parse<BudgetScopeKind>("scope", request.Scope, BudgetScopeKind.Workspace, Error);
        var period = Parse<BudgetPeriod>("period", request.Period, BudgetPeriod.Month, Error);
        var unit = Parse<BudgetUnit>("unit", request.Unit, BudgetUnit.Credits, Error);
        var mode = Parse<BudgetMode>("mode", request.Mode, BudgetMode.AlertOnly, Error);
        if (request.Amount is not { } amount || amount <= 0 || amount > 1_000_000_000_000m)
        {
            Error("amount", "amount is required: a number more than 0 (at most 10^12).");
            amount = 0;
        }

        var thresholds = (request.Thresholds ?? Budget.DefaultThresholds.ToArray()).ToList();
        if (thresholds.Count is 0 or > Budget.MaxThresholds || thresholds.Any(t => t is < 1 or > 1000) || thresholds.Distinct().Count() != thresholds.Count)
        {
            Error("thresholds", $"thresholds must be 1 to {Budget.MaxThresholds} distinct percentages from 1 to 1000.");
        }

        var timeZone = request.TimeZone ?? defaultTimeZone;
        try
        {
            BudgetWindow.Of(period, timeZone, now);
        }
        catch (AnalyticsQueryException ex)
        {
            Error("time_zone", ex.Message);
        }

        var scopeValue = "";
        switch (scope)
        {
            case BudgetScopeKind.Team when string.IsNullOrWhiteSpace(request.Team):
                Error("team", "team is required when scope is team.");
                break;
            case BudgetScopeKind.Team:
                scopeValue = request.Team!.Trim();
                break;
            case BudgetScopeKind.User:
                scopeValue = await ResolveUserAsync(workspaceId, request, directory, Error, cancellationToken).ConfigureAwait(false) ?? "";
                break;
            default:
                if (request.Team is not null || request.UserId is not null || request.UserEmail is not null)
                {
                    Error("scope", "a workspace budget takes no team, user_id or user_email; set scope to team or user.");
                }

                break;
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new Budget(workspaceId, budgetId, name!, scope, scopeValue, period, unit, decimal.Round(amount, 6), thresholds.Order().ToList(), mode, timeZone,
            createdAt ?? now, now), errors);
    }

    private static T Parse<T>(string field, string? text, T fallback, Action<string, string> error)
        where T : struct, Enum
    {
        if (text is null)
        {
            return fallback;
        }

        if (GovernanceNames.TryParse<T>(text, out var value))
        {
            return value;
        }

        error(field, $"'{text}' is not one of: {GovernanceNames.All<T>()}.");
        return fallback;
    }

    private static async Task<string?> ResolveUserAsync(
        string workspaceId, BudgetRequest request, IDirectoryStore directory, Action<string, string> error, CancellationToken cancellationToken)
    {
        if (request.UserId is { } userId)
        {
            if (await directory.FindUserAsync(workspaceId, userId, cancellationToken).ConfigureAwait(false) is null)
            {
                error("user_id", $"No user '{userId}' in this workspace's directory.");
                return null;
            }

            return userId;
        }

        if (string.IsNullOrWhiteSpace(request.UserEmail))
        {
            error("user_id", "user_id or user_email is required when scope is user.");
            return null;
        }

        string? after = null;
        while (true)
        {
            var page = await directory.ListUsersAsync(workspaceId, after, 1000, cancellationToken).ConfigureAwait(false);
            var match = page.FirstOrDefault(u => string.Equals(u.Email, request.UserEmail.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match.UserId;
            }

            if (page.Count < 1000)
            {
                error("user_email", $"No user with e-mail '{request.UserEmail}' in this workspace's directory.");
                return null;
            }

            after = page[^1].UserId;
        }
    }
}
