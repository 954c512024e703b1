using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Compliance.Logs;

/// <summary>Checks <see cref="ComplianceLogOptions"/> at start, naming the key of every value that is wrong.</summary>
internal sealed class ComplianceLogOptionsValidator : IValidateOptions<ComplianceLogOptions>
{
    public ValidateOptionsResult Validate(string? name, ComplianceLogOptions options)
    {
        var errors = new List<string>();
        const string Section = ComplianceLogOptions.SectionName;
        if (options.SealInterval <= TimeSpan.Zero || options.SealInterval > TimeSpan.FromDays(1))
        {
            errors.Add($"{Section}:SealInterval is {options.SealInterval}; it must be more than zero and at most one day.");
        }

        if (options.PollInterval <= TimeSpan.Zero || options.PollInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"{Section}:PollInterval is {options.PollInterval}; it must be more than zero and at most one hour.");
        }

        if (options.MaxRecordsPerFile is < 1 or > 1_000_000)
        {
            errors.Add($"{Section}:MaxRecordsPerFile is {options.MaxRecordsPerFile}; it must be between 1 and 1000000.");
        }

        if (options.MaxFileBytes is < 64 * 1024 or > 1024L * 1024 * 1024)
        {
            errors.Add($"{Section}:MaxFileBytes is {options.MaxFileBytes}; it must be between 65536 and 1073741824.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
