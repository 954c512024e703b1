using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Compliance.Exports;

/// <summary>Checks <see cref="ComplianceExportOptions"/> at start, naming the key of every value that is wrong.</summary>
internal sealed class ComplianceExportOptionsValidator : IValidateOptions<ComplianceExportOptions>
{
    public ValidateOptionsResult Validate(string? name, ComplianceExportOptions options)
    {
        var errors = new List<string>();
        const string Section = ComplianceExportOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            errors.Add($"{Section}:Path is empty; it must name the folder for export packages.");
        }
        else if (options.Path.AsSpan().IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"{Section}:Path '{options.Path}' contains characters that are not allowed in a path.");
        }

        if (options.PollInterval <= TimeSpan.Zero || options.PollInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"{Section}:PollInterval is {options.PollInterval}; it must be more than zero and at most one hour.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
