using Microsoft.Extensions.Options;

namespace AgentLedger.Core.Retention;

/// <summary>Checks the retention settings at start, naming the key of every problem.</summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var errors = new List<string>();
        if (options.PollInterval <= TimeSpan.Zero)
        {
            errors.Add($"{RetentionOptions.SectionName}:PollInterval must be positive.");
        }

        Check(errors, RetentionOptions.SectionName, options.Content, options.Metadata);
        foreach (var (workspaceId, own) in options.Workspaces)
        {
            var (content, metadata) = options.For(workspaceId);
            Check(errors, $"{RetentionOptions.SectionName}:Workspaces:{workspaceId}", own.Content is null ? null : content, own.Metadata is null ? null : metadata);
            if ((own.Content is not null || own.Metadata is not null) && content is { } c && metadata is { } m && m < c)
            {
                errors.Add($"{RetentionOptions.SectionName}:Workspaces:{workspaceId}: Metadata ({m}) must be at least Content ({c}), counting the global values.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, string prefix, TimeSpan? content, TimeSpan? metadata)
    {
        if (content is { } c && c <= TimeSpan.Zero)
        {
            errors.Add($"{prefix}:Content must be positive (or unset to keep content forever).");
        }

        if (metadata is { } m && m <= TimeSpan.Zero)
        {
            errors.Add($"{prefix}:Metadata must be positive (or unset to keep records forever).");
        }

        if (prefix == RetentionOptions.SectionName && content is { } gc && metadata is { } gm && gm < gc)
        {
            errors.Add($"{prefix}:Metadata ({gm}) must be at least {prefix}:Content ({gc}): a record's content cannot outlive the record.");
        }
    }
}
