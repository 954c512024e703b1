using AgentLedger.Core.Keys;
using Microsoft.Extensions.Options;

namespace AgentLedger.Core.Dlp;

/// <summary>Checks the <c>Dlp</c> section at start and lists every problem with its configuration key.</summary>
public sealed class DlpOptionsValidator : IValidateOptions<DlpOptions>
{
    public ValidateOptionsResult Validate(string? name, DlpOptions options)
    {
        List<string> errors = [];
        var known = string.Join(", ", DlpRuleIds.Secrets.Concat(DlpRuleIds.Pii));
        if (options.MatchTimeout <= TimeSpan.Zero || options.MatchTimeout > TimeSpan.FromSeconds(30))
        {
            errors.Add($"{DlpOptions.SectionName}:{nameof(DlpOptions.MatchTimeout)} is {options.MatchTimeout}; it must be more than 0 and at most 00:00:30.");
        }

        if (options.HashKey is { } hashKey && hashKey.Trim().Length < DlpOptions.MinHashKeyLength)
        {
            // Never echo the value: it is a secret.
            errors.Add($"{DlpOptions.SectionName}:{nameof(DlpOptions.HashKey)} is {hashKey.Trim().Length} characters; it must be at least {DlpOptions.MinHashKeyLength} (e.g. 32 random bytes in base64), or absent to use a generated key.");
        }

        CheckRules(errors, $"{DlpOptions.SectionName}:{nameof(DlpOptions.Rules)}", options.Rules, known);
        foreach (var (workspaceId, workspace) in options.Workspaces)
        {
            var key = $"{DlpOptions.SectionName}:{nameof(DlpOptions.Workspaces)}:{workspaceId}";
            if (!WorkspaceIds.IsValid(workspaceId))
            {
                errors.Add($"{key}: '{workspaceId}' is not a workspace id ({WorkspaceIds.Rule}).");
            }

            CheckRules(errors, $"{key}:{nameof(DlpWorkspaceOptions.Rules)}", workspace.Rules, known);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckRules(List<string> errors, string key, Dictionary<string, DlpAction> rules, string known)
    {
        foreach (var (ruleId, action) in rules)
        {
            if (!DlpRuleIds.All.Contains(ruleId))
            {
                errors.Add($"{key}:{ruleId} names no DLP rule; known rules: {known}.");
            }

            if (!Enum.IsDefined(action))
            {
                errors.Add($"{key}:{ruleId} is {(int)action}; it must be Off, Flag, Redact or Block.");
            }
        }
    }
}
